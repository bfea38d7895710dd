package dev.arca.rvps.web;

import dev.arca.rvps.InvalidRequestException;
import dev.arca.rvps.admin.AdminForbiddenException;
import dev.arca.rvps.admin.AdminUnauthenticatedException;
import dev.arca.rvps.reader.ReaderForbiddenException;
import dev.arca.rvps.reader.ReaderUnauthenticatedException;
import dev.arca.rvps.referencevalue.ReferenceValueNotFoundException;
import java.net.URI;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error as an RFC 9457 problem document (docs/architecture.md): the standard MVC exceptions through the base
 * class, the service's own below. Details say what was wrong; internals (stack traces, class names, SQL) never leave.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final int MAX_PARSER_MESSAGE = 300;

    /**
     * RFC 9457 §4.2.1: the problem has no semantics beyond its status; {@code title} is the status phrase and
     * {@code detail} says what was wrong. Written out because the contract requires a {@code type} member.
     */
    private static final URI NO_SPECIFIC_TYPE = URI.create("about:blank");

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), new HttpHeaders());
    }

    @ExceptionHandler(ReferenceValueNotFoundException.class)
    ResponseEntity<Object> notFound(ReferenceValueNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), new HttpHeaders());
    }

    @ExceptionHandler(AdminUnauthenticatedException.class)
    ResponseEntity<Object> unauthenticated(AdminUnauthenticatedException e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return problem(HttpStatus.UNAUTHORIZED, e.getMessage(), headers);
    }

    @ExceptionHandler(AdminForbiddenException.class)
    ResponseEntity<Object> forbidden(AdminForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage(), new HttpHeaders());
    }

    @ExceptionHandler(ReaderUnauthenticatedException.class)
    ResponseEntity<Object> readerUnauthenticated(ReaderUnauthenticatedException e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return problem(HttpStatus.UNAUTHORIZED, e.getMessage(), headers);
    }

    @ExceptionHandler(ReaderForbiddenException.class)
    ResponseEntity<Object> readerForbidden(ReaderForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage(), new HttpHeaders());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), new HttpHeaders());
    }

    /** Two registrations inserting the same new name at once: the loser's transaction rolled back entirely. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> concurrentRegistration(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT,
                "a concurrent registration stored one of these names first; nothing was stored, retry", new HttpHeaders());
    }

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<Object> storageUnavailable(DataAccessResourceFailureException e) {
        log.error("reference-value storage unavailable", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "reference-value storage is unavailable", new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", new HttpHeaders());
    }

    /** The base class answers "Failed to read request"; say what is wrong with the JSON instead. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, unreadableBodyDetail(e), headers);
    }

    private static String unreadableBodyDetail(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException syntax) {
                return "request body is not valid JSON: " + truncate(syntax.getOriginalMessage());
            }
            if (cause instanceof JacksonException mapping) {
                // mapping messages name Java types; describe the mismatch in JSON terms instead
                String path = jsonPath(mapping);
                String expected = mapping instanceof MismatchedInputException mismatch
                        ? ": expected " + jsonKind(mismatch.getTargetType()) : "";
                return "request body is not a valid JSON message" + (path.isEmpty() ? "" : " at " + path)
                        + expected;
            }
        }
        return "request body is missing or unreadable; expected a JSON object";
    }

    private static String jsonKind(Class<?> type) {
        if (type == null) {
            return "another JSON value";
        } else if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        } else if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        } else if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String truncate(String message) {
        return message.length() > MAX_PARSER_MESSAGE ? message.substring(0, MAX_PARSER_MESSAGE) + "…" : message;
    }

    /** {@code type}, {@code a[2].b}: the member path without the Java class names Jackson puts in its own form. */
    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The standard MVC exceptions' problems, given the {@code type} member every Arca problem carries. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType() == null) {
            problem.setType(NO_SPECIFIC_TYPE);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail, HttpHeaders headers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(NO_SPECIFIC_TYPE);
        return ResponseEntity.status(status).headers(headers).body(problem);
    }
}
