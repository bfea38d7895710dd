package dev.arca.attestation.web;

import dev.arca.service.problem.BodyErrors;
import dev.arca.service.web.RequestSizeLimit;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every non-2xx answer is an RFC 9457 problem (docs/architecture.md "Common to the three services"): the service's
 * own rejections keep their detail, framework errors keep Spring's, anything unexpected becomes a bare 500 whose
 * cause stays in the log, never in the response.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        if (e.problem().status().is5xxServerError()) {
            log.warn("{}: {}", e.problem().title(), e.getMessage(), e.getCause());
        }
        return respond(e.problem(), e.getMessage());
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> storage(DataAccessException e) {
        log.error("policy storage failed", e);
        return respond(Problem.UPSTREAM_UNAVAILABLE, "policy storage is unavailable");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(Problem.INTERNAL, "internal error; see the service log");
    }

    /** Malformed JSON → 400 with the parser's reason; a body cut off at the size limit → 413. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestSizeLimit.PayloadTooLargeException tooLarge = RequestSizeLimit.PayloadTooLargeException.in(ex);
        if (tooLarge != null) {
            return ResponseEntity.status(Problem.PAYLOAD_TOO_LARGE.status())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(Problem.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
        }
        String reason = BodyErrors.describe(ex);
        return ResponseEntity.status(Problem.INVALID_REQUEST.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(Problem.INVALID_REQUEST, "malformed request body: " + reason));
    }

    /** Framework-raised problems keep Spring's title and detail but get a type and the problem content type. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
            problem.setType(Problem.typeFor(status));
        }
        if (body instanceof ProblemDetail problem) {
            problem.setDetail(BodyErrors.safeDetail(problem.getDetail(), status.value()));
        }
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    public static ProblemDetail problem(Problem problem, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), detail);
        body.setType(problem.type());
        body.setTitle(problem.title());
        return body;
    }

    /** A 503 says when to come back: what is missing (a fetch, the RVPS, the database) is usually back soon. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static ResponseEntity<ProblemDetail> respond(Problem problem, String detail) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return answer.body(problem(problem, detail));
    }

}
