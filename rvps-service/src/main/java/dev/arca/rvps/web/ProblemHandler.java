package dev.arca.rvps.web;

import dev.arca.rvps.InvalidRequestException;
import dev.arca.rvps.referencevalue.ReferenceValueNotFoundException;
import dev.arca.service.problem.BodyErrors;
import dev.arca.service.problem.ProblemCatalogue;
import dev.arca.service.web.CorrelationId;
import dev.arca.service.web.RequestSizeLimit;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
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
 * Every error as an RFC 9457 problem document (docs/architecture.md) with the RVPS's {@code type} URIs
 * ({@code https://arca.dev/problems/rvps-service/<slug>}): the standard MVC exceptions through the base class, the
 * service's own below. Details say what was wrong; internals (stack traces, class names, SQL) never leave.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ReferenceValueNotFoundException.class)
    ResponseEntity<Object> notFound(ReferenceValueNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(RequestSizeLimit.PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(RequestSizeLimit.PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    /** Two registrations inserting the same new name at once: the loser's transaction rolled back entirely. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> concurrentRegistration(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT,
                "a concurrent registration stored one of these names first; nothing was stored, retry");
    }

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<Object> storageUnavailable(DataAccessResourceFailureException e) {
        log.error("reference-value storage unavailable", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "reference-value storage is unavailable");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    /** The base class answers "Failed to read request"; say what is wrong with the JSON instead. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestSizeLimit.PayloadTooLargeException tooLarge = RequestSizeLimit.PayloadTooLargeException.in(e);
        if (tooLarge != null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
        }
        return problem(HttpStatus.BAD_REQUEST, BodyErrors.describe(e));
    }

    /** The standard MVC exceptions' problems, with the RVPS's type and no internal names in the detail. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            decorate(problem, status.value());
            problem.setDetail(BodyErrors.safeDetail(problem.getDetail(), status.value()));
        }
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        decorate(problem, status.value());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static void decorate(ProblemDetail problem, int status) {
        // by the status itself, so a 409 is "conflict" (ProblemKind.of would file it under 400's slug)
        problem.setType(URI.create(
                ProblemCatalogue.typeUri(RvpsProblemCatalogue.SERVICE, ProblemCatalogue.slug(status))));
        String id = CorrelationId.current();
        if (id != null) {
            problem.setProperty("correlation-id", id);
        }
    }
}
