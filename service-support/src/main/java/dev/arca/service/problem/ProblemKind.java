package dev.arca.service.problem;

/**
 * The kinds of refusal the shared plumbing raises before a service's own code runs (security, firewall, container,
 * size limits). Each service's {@link ProblemCatalogue} names them in its own vocabulary.
 */
public enum ProblemKind {
    BAD_REQUEST(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    HEADERS_TOO_LARGE(431),
    INTERNAL(500),
    UNAVAILABLE(503);

    private final int status;

    ProblemKind(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The kind a bare status belongs to; statuses the plumbing never raises fall back to 400 or 500. */
    public static ProblemKind of(int status) {
        for (ProblemKind kind : values()) {
            if (kind.status == status) {
                return kind;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
