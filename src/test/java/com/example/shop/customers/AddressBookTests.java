package com.example.shop.customers;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static com.example.shop.customers.CustomerFixtures.AUTHORIZATION;
import static com.example.shop.customers.CustomerFixtures.read;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The address book: CRUD of one's own addresses; someone else's are invisible (404). */
@IntegrationTest
class AddressBookTests {

    static final String HOME = """
            {"name": "Ada Lovelace", "line1": "12 St James's Square", "line2": "Flat 2", "city": "London",
             "postalCode": "SW1Y 4JH", "country": "gb"}""";
    static final String OFFICE = """
            {"name": "Ada Lovelace", "line1": "1 Analytical Way", "city": "Cambridge", "postalCode": "CB2 1TN",
             "country": "GB"}""";

    @Autowired
    MockMvc mvc;

    CustomerFixtures.Session owner;
    CustomerFixtures.Session stranger;

    @BeforeEach
    void customers() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        owner = fixtures.newCustomer();
        stranger = fixtures.newCustomer();
    }

    String add(CustomerFixtures.Session session, String body) throws Exception {
        MvcResult result = mvc.perform(post("/api/customers/me/addresses").header(AUTHORIZATION, session.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn();
        return read(result, "$.id");
    }

    @Test
    void createsReadsUpdatesAndDeletesAddresses() throws Exception {
        MvcResult created = mvc.perform(post("/api/customers/me/addresses").header(AUTHORIZATION, owner.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(HOME))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("Ada Lovelace"))
                .andExpect(jsonPath("$.line1").value("12 St James's Square"))
                .andExpect(jsonPath("$.line2").value("Flat 2"))
                .andExpect(jsonPath("$.city").value("London"))
                .andExpect(jsonPath("$.postalCode").value("SW1Y 4JH"))
                .andExpect(jsonPath("$.country").value("GB"))
                .andReturn();
        String home = read(created, "$.id");
        mvc.perform(get("/api/customers/me/addresses/" + home).header(AUTHORIZATION, owner.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(home));
        String office = add(owner, OFFICE);

        mvc.perform(get("/api/customers/me/addresses").header(AUTHORIZATION, owner.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[*].id", containsInAnyOrder(home, office)))
                .andExpect(jsonPath("$[?(@.id == '" + office + "')].line2").isEmpty());

        mvc.perform(put("/api/customers/me/addresses/" + office).header(AUTHORIZATION, owner.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(OFFICE.replace("Cambridge", "Oxford")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(office))
                .andExpect(jsonPath("$.city").value("Oxford"));

        mvc.perform(delete("/api/customers/me/addresses/" + home).header(AUTHORIZATION, owner.bearer()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/customers/me/addresses").header(AUTHORIZATION, owner.bearer()))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].city").value("Oxford"));
        mvc.perform(get("/api/customers/me/addresses/" + home).header(AUTHORIZATION, owner.bearer()))
                .andExpect(status().isNotFound());
    }

    @Test
    void anotherCustomersAddressIsNotFound() throws Exception {
        String address = add(owner, HOME);

        mvc.perform(get("/api/customers/me/addresses/" + address).header(AUTHORIZATION, stranger.bearer()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/not-found"));
        mvc.perform(put("/api/customers/me/addresses/" + address).header(AUTHORIZATION, stranger.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(OFFICE))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/customers/me/addresses/" + address).header(AUTHORIZATION, stranger.bearer()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/customers/me/addresses").header(AUTHORIZATION, stranger.bearer()))
                .andExpect(jsonPath("$", hasSize(0)));

        // unchanged for its owner
        mvc.perform(get("/api/customers/me/addresses/" + address).header(AUTHORIZATION, owner.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.city").value("London"));
    }

    @Test
    void unknownAddressIsNotFoundAndBadIdIs400() throws Exception {
        mvc.perform(get("/api/customers/me/addresses/" + UUID.randomUUID()).header(AUTHORIZATION, owner.bearer()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/customers/me/addresses/not-a-uuid").header(AUTHORIZATION, owner.bearer()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void invalidAddressIs400WithTheFields() throws Exception {
        mvc.perform(post("/api/customers/me/addresses").header(AUTHORIZATION, owner.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"\", \"line1\": \"x\", \"city\": \"y\", \"postalCode\": \"1\", \"country\": \"GBR\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'country')]").exists());
    }

    @Test
    void theAddressBookIsBounded() throws Exception {
        for (int i = 0; i < 20; i++) {
            add(owner, OFFICE);
        }
        mvc.perform(post("/api/customers/me/addresses").header(AUTHORIZATION, owner.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(OFFICE))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/address-book-full"));
    }

    @Test
    void anAccountThatNoLongerExistsCannotAddAddresses() throws Exception {
        mvc.perform(post("/api/customers/me/addresses").header(AUTHORIZATION, Tokens.customer(UUID.randomUUID()))
                        .contentType(MediaType.APPLICATION_JSON).content(HOME))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/not-found"));
    }

    @Test
    void needsAnAccessToken() throws Exception {
        mvc.perform(get("/api/customers/me/addresses"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"));
    }
}
