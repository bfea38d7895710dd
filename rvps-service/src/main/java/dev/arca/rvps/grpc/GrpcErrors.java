package dev.arca.rvps.grpc;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import dev.arca.rvps.InvalidRequestException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Maps the service's errors to gRPC statuses with the same safe messages as the REST problem details. Upstream answers
 * every error with ABORTED (Trustee grpc-as.md); its clients only tell success from failure, so the more precise
 * codes here stay compatible.
 */
final class GrpcErrors {

    private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    static StatusRuntimeException toStatus(RuntimeException e) {
        Status status = switch (e) {
            case InvalidRequestException invalid -> Status.INVALID_ARGUMENT.withDescription(invalid.getMessage());
            case AuthenticationException u -> Status.UNAUTHENTICATED.withDescription(u.getMessage());
            case AccessDeniedException f -> Status.PERMISSION_DENIED.withDescription(f.getMessage());
            case DuplicateKeyException d -> Status.ABORTED.withDescription(
                    "a concurrent registration stored one of these names first; nothing was stored, retry");
            case DataAccessResourceFailureException d -> {
                log.error("reference-value storage unavailable", d);
                yield Status.UNAVAILABLE.withDescription("reference-value storage is unavailable");
            }
            default -> {
                log.error("unexpected error in a gRPC call", e);
                yield Status.INTERNAL.withDescription("internal error");
            }
        };
        return status.asRuntimeException();
    }
}
