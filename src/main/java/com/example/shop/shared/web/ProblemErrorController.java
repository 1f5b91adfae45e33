package com.example.shop.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Hidden;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel/JSON error page: whatever the servlet container forwards to
 * {@code /error} (an exception thrown in a filter, a status sent outside Spring MVC) is answered as a
 * problem too.
 */
@Hidden // the servlet error page, not an API operation
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping(path = "${server.error.path:/error}", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE })
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status.is5xxServerError() && failure instanceof Throwable t && ExceptionTranslator.databaseUnreachable(t)) {
            // a filter met the database outage: the same 503 as a controller would answer
            String correlationId = CorrelationId.current();
            log.warn("The database cannot be reached [correlationId={}]: {}", correlationId,
                    ExceptionTranslator.mostSpecificMessage(t));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(ExceptionTranslator.DATABASE_RETRY_AFTER.toSeconds()))
                    .body(ExceptionTranslator.databaseUnavailable(correlationId));
        }
        if (status.is5xxServerError()) {
            String correlationId = CorrelationId.current();
            log.error("Unexpected error [correlationId={}]", correlationId,
                    failure instanceof Throwable t ? t : null);
            problem = Problems.internalError(correlationId);
        } else {
            problem = Problems.typed(ProblemDetail.forStatusAndDetail(status, status.getReasonPhrase()));
            problem.setTitle(status.getReasonPhrase());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
