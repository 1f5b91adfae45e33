package com.example.shop.customers;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The API description of the auth endpoints names every problem they answer with. */
@IntegrationTest
class AuthApiDocsTests {

    @Autowired
    MockMvc mvc;

    @Test
    void everyAuthEndpointDocumentsItsValidationProblemAndTheThrottledOnesTheir429() throws Exception {
        JsonNode paths = JsonMapper.builder().build().readTree(mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).path("paths");
        Map<String, String> expected = Map.of(
                "/api/auth/register", "400 409 429",
                "/api/auth/login", "400 401 429",
                "/api/auth/refresh", "400 401",
                "/api/auth/logout", "400 401",
                "/api/auth/password-reset", "400",
                "/api/auth/password-reset/confirm", "400 429");
        expected.forEach((path, statuses) -> {
            JsonNode responses = paths.path(path).path("post").path("responses");
            for (String code : statuses.split(" ")) {
                assertThat(responses.path(code).path("content").has("application/problem+json"))
                        .as(path + " documents " + code + " as problem+json").isTrue();
            }
        });
    }
}
