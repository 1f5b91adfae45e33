package com.example.shop.customers;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Registers and logs in customers over HTTP, each with a unique e-mail. Each fixture calls from a client
 * address of its own (documentation range 2001:db8::/32), so the per-address throttles of one test never
 * reach another.
 */
final class CustomerFixtures {

    static final String PASSWORD = "correct horse battery";

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final MockMvc mvc;
    private final String address = newClientAddress();

    CustomerFixtures(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** A client address no other fixture uses. */
    static String newClientAddress() {
        return "2001:db8::" + Integer.toHexString(ADDRESSES.incrementAndGet());
    }

    /** Sends a request from the given client address. */
    static RequestPostProcessor from(String clientAddress) {
        return request -> {
            request.setRemoteAddr(clientAddress);
            return request;
        };
    }

    String address() {
        return address;
    }

    record Registered(UUID id, String email) {
    }

    record Session(UUID id, String email, String accessToken, String refreshToken) {

        String bearer() {
            return "Bearer " + accessToken;
        }
    }

    static String uniqueEmail() {
        return "c-" + UUID.randomUUID() + "@example.com";
    }

    Registered register(String email) throws Exception {
        MvcResult result = mvc.perform(post("/api/auth/register").with(from(address))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", email, "password", PASSWORD, "name", "Ada Lovelace")))
                .andExpect(status().isCreated())
                .andReturn();
        return new Registered(UUID.fromString(read(result, "$.id")), read(result, "$.email"));
    }

    MvcResult loginResult(String email, String password) throws Exception {
        return mvc.perform(post("/api/auth/login").with(from(address)).contentType(MediaType.APPLICATION_JSON)
                .content(json("email", email, "password", password))).andReturn();
    }

    Session login(String email) throws Exception {
        MvcResult result = loginResult(email, PASSWORD);
        if (result.getResponse().getStatus() != 200) {
            throw new AssertionError("login failed: " + result.getResponse().getContentAsString());
        }
        Registered registered = new Registered(null, email);
        return new Session(registered.id(), email, read(result, "$.accessToken"), read(result, "$.refreshToken"));
    }

    Session newCustomer() throws Exception {
        Registered registered = register(uniqueEmail());
        Session session = login(registered.email());
        return new Session(registered.id(), registered.email(), session.accessToken(), session.refreshToken());
    }

    MvcResult refresh(String refreshToken) throws Exception {
        return mvc.perform(post("/api/auth/refresh").with(from(address)).contentType(MediaType.APPLICATION_JSON)
                .content(json("refreshToken", refreshToken))).andReturn();
    }

    static String read(MvcResult result, String path) throws Exception {
        Object value = JsonPath.read(result.getResponse().getContentAsString(), path);
        return value == null ? null : value.toString();
    }

    /** A flat JSON object of string pairs. */
    static String json(String... pairs) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(pairs[i]).append("\":\"").append(pairs[i + 1].replace("\"", "\\\"")).append('"');
        }
        return json.append('}').toString();
    }


    static final String AUTHORIZATION = HttpHeaders.AUTHORIZATION;
}
