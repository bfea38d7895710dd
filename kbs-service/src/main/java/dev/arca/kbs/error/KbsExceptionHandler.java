package dev.arca.kbs.error;

import dev.arca.kbs.secret.ReadOnlySecretBackendException;
import dev.arca.kbs.secret.SecretBackendUnavailableException;
import dev.arca.kbs.upstream.UpstreamUnavailableException;
import dev.arca.model.error.KbsErrorType;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into a problem+json answer (docs/architecture.md: no stack trace, no secret, ever). Unexpected
 * exceptions are logged with their stack trace here and answered with a generic 500.
 */
@RestControllerAdvice
public class KbsExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(KbsExceptionHandler.class);

    @ExceptionHandler(KbsException.class)
    public ResponseEntity<byte[]> kbs(KbsException e, HttpServletRequest request) {
        if (e.status() >= 500) {
            log.error("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
        } else {
            log.info("{} {} refused {}: {}", request.getMethod(), request.getRequestURI(), e.status(),
                    e.problem().errorName());
        }
        return Problems.of(e.problem());
    }

    /** A write to a read-only secret backend: 405 with the methods that do work there. */
    @ExceptionHandler(ReadOnlySecretBackendException.class)
    public ResponseEntity<byte[]> readOnly(ReadOnlySecretBackendException e, HttpServletRequest request) {
        ResponseEntity<byte[]> problem = kbs(e, request);
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.ALLOW, "GET").body(problem.getBody());
    }

    /** The secret store is down: 503, and when to try again. */
    @ExceptionHandler(SecretBackendUnavailableException.class)
    public ResponseEntity<byte[]> secretsUnavailable(SecretBackendUnavailableException e, HttpServletRequest request) {
        log.warn("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return retryLater(Problems.of(e.problem()));
    }

    /**
     * The AS or the RVPS is away, timed out or failed on its side (or a release could not be audited): 503 with
     * {@code Retry-After} like the KBS's other outages, since the same request succeeds once it is back. One warning
     * line, no stack trace: an outage of the AS would otherwise write one per guest request.
     */
    @ExceptionHandler(UpstreamUnavailableException.class)
    public ResponseEntity<byte[]> upstreamUnavailable(UpstreamUnavailableException e, HttpServletRequest request) {
        log.warn("{} {} failed: {}{}", request.getMethod(), request.getRequestURI(), e.getMessage(),
                e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")");
        return retryLater(Problems.of(e.problem()));
    }

    /**
     * The KBS's own database (sessions, policies, audit) is not there — down, restarting, failing over, or the pool
     * could not get a connection in time: 503 with {@code Retry-After}, like a secret backend outage, since the same
     * request succeeds once it is back (another replica cannot help: they share the database). Other data-access
     * errors stay unexpected (500): they are bugs, not outages.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
        RecoverableDataAccessException.class, CannotCreateTransactionException.class})
    public ResponseEntity<byte[]> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("{} {} failed: the database is unavailable ({})", request.getMethod(), request.getRequestURI(),
                e.getClass().getSimpleName());
        return retryLater(Problems.of(KbsErrorType.UpstreamUnavailable,
                "the KBS database is unavailable; try again shortly"));
    }

    /** A 503 problem with {@code Retry-After}: every outage the same request outlives is answered this way. */
    private static ResponseEntity<byte[]> retryLater(ResponseEntity<byte[]> problem) {
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(SecretBackendUnavailableException.RETRY_AFTER_SECONDS))
                .body(problem.getBody());
    }

    /** A handler's own second check of the admin caller ({@code ServiceSecurity#adminCaller}). */
    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<byte[]> accessDenied(AccessDeniedException e) {
        return Problems.of(KbsErrorType.AdminAccessForbidden, "an admin token is required");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<byte[]> unreadable(HttpMessageNotReadableException e) {
        return Problems.of(KbsErrorType.SerdeError, "request body is not readable");
    }

    /** Tomcat refuses a query string it cannot decode (e.g. {@code %zz}) only when a parameter is first read. */
    @ExceptionHandler(InvalidParameterException.class)
    public ResponseEntity<byte[]> invalidParameter(InvalidParameterException e) {
        return Problems.of(KbsErrorType.InvalidRequest, "malformed query string");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<byte[]> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<byte[]> problem = Problems.of(Problems.withStatus(KbsErrorType.InvalidRequest, 405,
                "method " + e.getMethod() + " is not supported here"));
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(problem.getHeaders());
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(405).headers(headers).body(problem.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<byte[]> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return Problems.of(Problems.withStatus(KbsErrorType.InvalidRequest, 406,
                "the Accept header excludes application/json"));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    public ResponseEntity<byte[]> notFound(Exception e, HttpServletRequest request) {
        return Problems.of(KbsErrorType.InvalidRequestPath, "Request path " + request.getRequestURI() + " is invalid");
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
        // Spring's own request errors (missing parameter, bad media type...) know their 4xx status
        if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            return Problems.of(Problems.withStatus(KbsErrorType.InvalidRequest, framework.getStatusCode().value(),
                    "malformed request"));
        }
        log.error("{} {} failed unexpectedly", request.getMethod(), request.getRequestURI(), e);
        return Problems.of(KbsErrorType.PluginInternalError, "internal error");
    }
}
