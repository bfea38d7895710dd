package dev.arca.kbs.error;

import dev.arca.model.error.ErrorInformation;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Json;
import dev.arca.service.web.CorrelationId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem responses in the shape upstream guests parse ({type, detail}; docs/architecture.md). The body is
 * serialised here and sent with a preset content type, so no Accept header can turn an error into a 406 or a 500.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {
    }

    public static ResponseEntity<byte[]> of(KbsErrorType type, String detail) {
        return of(ErrorInformation.kbs(type, detail));
    }

    public static ResponseEntity<byte[]> of(ErrorInformation problem) {
        return ResponseEntity.status(problem.status())
                .contentType(PROBLEM_JSON)
                .body(Json.writeBytes(CorrelationId.attach(problem)));
    }

    /** A problem with an upstream error name but a status that name does not normally carry. */
    public static ErrorInformation withStatus(KbsErrorType type, int status, String detail) {
        return new ErrorInformation(ErrorInformation.KBS_TYPE_PREFIX + type.name(), type.name(), status, detail);
    }
}
