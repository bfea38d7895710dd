package dev.arca.attestation.web;

import dev.arca.service.problem.ProblemCatalogue;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The kinds of error the AS answers, each with its RFC 9457 {@code type} and status. Upstream's AS answers 500 for
 * all of them (Trustee restful-as.md); Arca answers the status that tells the caller what to do (docs/architecture.md).
 */
public enum Problem {
    INVALID_REQUEST("invalid-request", "Invalid request", HttpStatus.BAD_REQUEST),
    UNSUPPORTED_TEE("unsupported-tee", "Unsupported TEE", HttpStatus.BAD_REQUEST),
    INVALID_EVIDENCE("invalid-evidence", "Invalid evidence", HttpStatus.BAD_REQUEST),
    EVIDENCE_REJECTED("evidence-rejected", "Evidence did not verify", HttpStatus.FORBIDDEN),
    UNKNOWN_POLICY("unknown-policy", "Unknown attestation policy", HttpStatus.BAD_REQUEST),
    INVALID_POLICY("invalid-policy", "Invalid attestation policy", HttpStatus.BAD_REQUEST),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    POLICY_DECLARED("policy-declared", "Attestation policy managed by the policy directory", HttpStatus.CONFLICT),
    UNAUTHENTICATED("unauthenticated", "Authentication required", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Access forbidden", HttpStatus.FORBIDDEN),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", "A service the AS depends on is unavailable",
            HttpStatus.SERVICE_UNAVAILABLE),
    RVPS_UNAVAILABLE("rvps-unavailable", "Reference values are unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    VERIFIER_ERROR("verifier-error", "The evidence verifier failed", HttpStatus.INTERNAL_SERVER_ERROR),
    INTERNAL("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    /** The segment of the AS in {@code https://arca.dev/problems/<service>/<slug>} (see {@link ProblemCatalogue}). */
    static final String SERVICE = "attestation-service";

    private final String slug;
    private final URI type;
    private final String title;
    private final HttpStatus status;

    Problem(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.type = URI.create(ProblemCatalogue.typeUri(SERVICE, slug));
        this.title = title;
        this.status = status;
    }

    /**
     * A type for errors the framework raises (405, 415, 406, …), with the slug every Arca service gives that status
     * ({@link ProblemCatalogue#slug(int)}), so no problem goes out with the implicit {@code about:blank}.
     */
    public static URI typeFor(HttpStatusCode status) {
        return URI.create(ProblemCatalogue.typeUri(SERVICE, ProblemCatalogue.slug(status.value())));
    }

    /** The last segment of the type, e.g. {@code evidence-rejected}. */
    public String slug() {
        return slug;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }
}
