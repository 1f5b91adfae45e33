package com.example.shop.catalog.web;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.example.shop.catalog.internal.CatalogException;
import com.example.shop.shared.web.Problems;

/** The catalog's own exceptions as problems; applies to this module's controllers only. */
@RestControllerAdvice(basePackageClasses = CatalogProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CatalogProblems {

    record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(CatalogException.class)
    ResponseEntity<ProblemDetail> catalog(CatalogException ex) {
        CatalogException.Reason reason = ex.reason();
        ProblemDetail problem = Problems.of(HttpStatus.valueOf(reason.status()), reason.slug(), reason.title(),
                ex.getMessage());
        if (ex.field() != null) {
            problem.setProperty("errors", List.of(new FieldProblem(ex.field(), ex.getMessage())));
        }
        return problem(problem);
    }

    /** A domain rule the request validation did not already catch (e.g. a name of only spaces). */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException ex) {
        ProblemDetail problem = Problems.badRequest("validation", "Invalid request", ex.getMessage());
        problem.setProperty("errors", List.of());
        return problem(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
