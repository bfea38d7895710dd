package dev.arca.kbs.error;

import dev.arca.model.error.ErrorInformation;
import dev.arca.model.error.KbsErrorType;
import dev.arca.service.problem.ProblemCatalogue;
import dev.arca.service.problem.ProblemKind;
import org.springframework.stereotype.Component;

/**
 * The KBS names the shared plumbing's refusals with upstream's error names (Trustee kbs_attestation_protocol.md), so
 * upstream clients read them as they read upstream's: 401 {@code AdminAuthAccess}, 403 {@code AdminAccessForbidden},
 * 413 {@code PayloadTooLarge}, other 4xx {@code InvalidRequest} with their own status.
 */
@Component
public class KbsProblemCatalogue implements ProblemCatalogue {

    @Override
    public ErrorInformation problem(ProblemKind kind, String detail) {
        return switch (kind) {
            case UNAUTHENTICATED -> ErrorInformation.kbs(KbsErrorType.AdminAuthAccess, detail);
            case FORBIDDEN -> ErrorInformation.kbs(KbsErrorType.AdminAccessForbidden, detail);
            case NOT_FOUND -> ErrorInformation.kbs(KbsErrorType.InvalidRequestPath, detail);
            case PAYLOAD_TOO_LARGE -> ErrorInformation.kbs(KbsErrorType.PayloadTooLarge, detail);
            case UNAVAILABLE -> ErrorInformation.kbs(KbsErrorType.UpstreamUnavailable, detail);
            case INTERNAL -> ErrorInformation.kbs(KbsErrorType.PluginInternalError, detail);
            case BAD_REQUEST, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE, HEADERS_TOO_LARGE ->
                    Problems.withStatus(KbsErrorType.InvalidRequest, kind.status(), detail);
        };
    }
}
