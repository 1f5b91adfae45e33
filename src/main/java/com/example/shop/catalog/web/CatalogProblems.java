package com.example.shop.catalog.web;

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

    @ExceptionHandler(CatalogException.class)
    ResponseEntity<ProblemDetail> catalog(CatalogException ex) {
        CatalogException.Reason reason = ex.reason();
        ProblemDetail problem = Problems.of(HttpStatus.valueOf(reason.status()), reason.slug(), reason.title(),
                ex.getMessage());
        if (ex.field() != null) {
            Problems.withError(problem, ex.field(), ex.getMessage());
        }
        return problem(problem);
    }

    /**
     * A rule of a shared value (such as {@code Money}) that neither request validation nor a field-aware
     * catalog rule caught first. Not expected: the field is not known, so it is null.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException ex) {
        ProblemDetail problem = Problems.badRequest("validation", "Invalid request", ex.getMessage());
        Problems.withError(problem, null, ex.getMessage());
        return problem(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
