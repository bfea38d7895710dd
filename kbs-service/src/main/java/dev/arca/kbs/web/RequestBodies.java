package dev.arca.kbs.web;

import dev.arca.service.problem.BodyErrors;
import dev.arca.service.web.RequestSizeLimit;
import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Json;
import dev.arca.service.problem.BodyErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;

/**
 * Request bodies are read as raw bytes whatever the Content-Type says, as upstream does (Trustee
 * kbs_attestation_protocol.md), with a hard size limit so an unauthenticated caller cannot make the KBS buffer an
 * unbounded body.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static byte[] read(HttpServletRequest request, long limit) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0) {
                // the declared length, exactly: one array of the body's size instead of growing 16-KiB chunks (the
                // container ends the stream at the declared length; a shorter body is what arrived)
                return in.readNBytes((int) declared);
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        } catch (RequestSizeLimit.PayloadTooLargeException e) {
            throw tooLarge(limit);
        } catch (IOException e) {
            throw new KbsException(KbsErrorType.InvalidRequest, "cannot read the request body");
        }
    }

    /** Parses a JSON object body into {@code type}; anything that is not such an object is a 400. */
    public static <T> T json(byte[] body, Class<T> type, String what) {
        T value;
        try {
            value = Json.read(body, type);
        } catch (JacksonException | IllegalArgumentException e) {
            // Jackson's own words name Java types and library methods: say it in the caller's terms
            String reason = e instanceof JacksonException ? BodyErrors.describe(e)
                    : BodyErrors.safeDetail(e.getMessage(), 400);
            throw new KbsException(KbsErrorType.SerdeError, "deserialize " + what + ": " + reason);
        }
        if (value == null) {
            throw new KbsException(KbsErrorType.SerdeError, "deserialize " + what + ": the body must be a JSON object");
        }
        return value;
    }

    private static KbsException tooLarge(long limit) {
        return new KbsException(KbsErrorType.PayloadTooLarge, "request body larger than " + limit + " bytes");
    }
}
