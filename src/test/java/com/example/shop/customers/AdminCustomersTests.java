package com.example.shop.customers;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static com.example.shop.customers.CustomerFixtures.AUTHORIZATION;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The administrators' customer list: admin only, paged. */
@IntegrationTest
class AdminCustomersTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void aCustomerGets403() throws Exception {
        CustomerFixtures.Session customer = new CustomerFixtures(mvc).newCustomer();
        mvc.perform(get("/api/admin/customers").header(AUTHORIZATION, customer.bearer()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/forbidden"));
        mvc.perform(get("/api/admin/customers/" + customer.id()).header(AUTHORIZATION, customer.bearer()))
                .andExpect(status().isForbidden());
    }

    @Test
    void anonymousGets401() throws Exception {
        mvc.perform(get("/api/admin/customers")).andExpect(status().isUnauthorized());
    }

    @Test
    void anAdminPagesThroughCustomers() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        fixtures.register(CustomerFixtures.uniqueEmail());
        CustomerFixtures.Session newest = fixtures.newCustomer();

        mvc.perform(get("/api/admin/customers?size=1").header(AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content", hasSize(1)))
                .andExpect(jsonPath("$.content[0].email").exists())
                .andExpect(jsonPath("$.content[0].roles").isArray())
                .andExpect(jsonPath("$.content[0].password").doesNotExist())
                .andExpect(jsonPath("$.content[0].passwordHash").doesNotExist())
                .andExpect(jsonPath("$.page.number").value(0))
                .andExpect(jsonPath("$.page.size").value(1))
                .andExpect(jsonPath("$.page.totalElements").value(greaterThanOrEqualTo(2)))
                .andExpect(jsonPath("$.page.totalPages").value(greaterThanOrEqualTo(2)));

        mvc.perform(get("/api/admin/customers/" + newest.id()).header(AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(newest.email()));

        mvc.perform(get("/api/admin/customers?size=1000&sort=email,asc").header(AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page.size").value(100));
    }

    @Test
    void aPageOfCustomersLoadsAllTheirRolesInOneQuery() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        for (int i = 0; i < 20; i++) {
            fixtures.register(CustomerFixtures.uniqueEmail());
        }
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        statistics.setStatisticsEnabled(true);
        try {
            mvc.perform(get("/api/admin/customers?size=20").header(AUTHORIZATION, Tokens.admin()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.content", hasSize(20)))
                    .andExpect(jsonPath("$.content[19].roles[0]").value("CUSTOMER"));
            // the page, its count and one query for the roles of all 20 (not one per customer);
            // one more in case a scheduled job ran meanwhile
            assertThat(statistics.getPrepareStatementCount()).isLessThanOrEqualTo(4);
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    @Test
    void invalidPagingIs400() throws Exception {
        mvc.perform(get("/api/admin/customers?sort=password").header(AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/admin/customers?page=-1").header(AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isBadRequest());
    }
}
