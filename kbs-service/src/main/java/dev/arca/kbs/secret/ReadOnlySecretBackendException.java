package dev.arca.kbs.secret;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.error.Problems;
import dev.arca.model.error.KbsErrorType;

/**
 * A write to a backend whose secrets are managed elsewhere (a read-only directory, typically a Kubernetes Secret):
 * 405, the method is not allowed on resources of this deployment, with {@code Allow: GET}.
 */
public class ReadOnlySecretBackendException extends KbsException {

    public ReadOnlySecretBackendException(String backend, String whereManaged) {
        super(Problems.withStatus(KbsErrorType.InvalidRequest, 405, "the " + backend
                + " secret backend is read-only: " + whereManaged));
    }
}
