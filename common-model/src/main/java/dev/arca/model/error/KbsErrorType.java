package dev.arca.model.error;

/**
 * Upstream KBS error names (Trustee kbs_attestation_protocol.md) with the status Arca answers. Upstream answers 401 for
 * almost all; Arca keeps the names but uses the correct status, which upstream clients still handle.
 */
public enum KbsErrorType {
    AdminAuthAccess(401),
    AdminAccessForbidden(403),
    AttestationError(401),
    InvalidRequest(400),
    InvalidRequestPath(404),
    JweError(400),
    PluginNotFound(404),
    PluginInternalError(500),
    PolicyDeny(403),
    ParsePolicyError(400),
    PolicyEngineError(500),
    ResourceNotFound(404),
    RvpsError(502),
    SerdeError(400),
    TokenNotFound(401),
    TokenVerifierError(401),
    ProtocolVersionMismatch(400),
    PayloadTooLarge(413),
    TooManyRequests(429),
    UpstreamUnavailable(503);

    private final int status;

    KbsErrorType(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
