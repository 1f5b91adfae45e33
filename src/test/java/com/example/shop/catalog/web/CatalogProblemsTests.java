package com.example.shop.catalog.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.example.shop.catalog.internal.CatalogException;
import com.example.shop.shared.web.Problems;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's rule violations as problems. Request validation catches bad fields before the domain
 * does, so the domain's own field rules are checked here rather than over HTTP: every 400 names its field.
 */
class CatalogProblemsTests {

    final CatalogProblems problems = new CatalogProblems();

    @Test
    void aBrokenFieldRuleIsAValidationProblemNamingTheField() {
        ResponseEntity<ProblemDetail> response = problems.catalog(new CatalogException(
                CatalogException.Reason.INVALID_FIELD, "name must not be blank", "name"));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().getType().toString()).isEqualTo("https://shop.example/problems/validation");
        assertThat(response.getBody().getProperties().get("errors"))
                .isEqualTo(List.of(new Problems.FieldError("name", "name must not be blank")));
    }

    @Test
    void anUnexpectedValueRuleStillListsOneError() {
        ResponseEntity<ProblemDetail> response = problems.invalid(new IllegalArgumentException("unknown currency: XYZ"));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().getProperties().get("errors"))
                .isEqualTo(List.of(new Problems.FieldError(null, "unknown currency: XYZ")));
    }
}
