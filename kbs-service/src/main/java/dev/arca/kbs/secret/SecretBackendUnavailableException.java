package dev.arca.kbs.secret;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;

/**
 * The secret store cannot be reached or answered a server error (database down, Vault sealed or timing out, an
 * unreadable mount): 503 {@code UpstreamUnavailable} with {@code Retry-After}, since the same request may succeed
 * later. The detail names the backend and the kind of failure, never a secret or a credential.
 */
public class SecretBackendUnavailableException extends KbsException {

    /** Seconds a client is asked to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public SecretBackendUnavailableException(String detail, Throwable cause) {
        super(KbsErrorType.UpstreamUnavailable, detail, cause);
    }
}
