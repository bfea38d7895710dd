package dev.arca.model.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Error body of the KBS (Trustee kbs_attestation_protocol.md) as an RFC 9457 problem: upstream clients read {type, detail}; Arca
 * adds title and status, which they ignore, and the extension member {@code correlation-id}, which names the request
 * in the service's logs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorInformation(String type, String title, Integer status, String detail,
        @JsonProperty("correlation-id") String correlationId) {

    public static final String KBS_TYPE_PREFIX = "https://github.com/confidential-containers/kbs/errors/";

    public ErrorInformation(String type, String title, Integer status, String detail) {
        this(type, title, status, detail, null);
    }

    public static ErrorInformation kbs(KbsErrorType type, String detail) {
        return new ErrorInformation(KBS_TYPE_PREFIX + type.name(), type.name(), type.status(), detail);
    }

    /** The same problem, naming the request it answers. */
    public ErrorInformation withCorrelationId(String id) {
        return new ErrorInformation(type, title, status, detail, id);
    }

    /** The upstream error name, the last path segment of {@code type}. */
    public String errorName() {
        return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
    }
}
