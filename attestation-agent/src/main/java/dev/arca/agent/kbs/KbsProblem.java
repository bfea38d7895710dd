package dev.arca.agent.kbs;

import dev.arca.model.error.ErrorInformation;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * Reads a KBS error answer (Trustee kbs_attestation_protocol.md: {type, detail}, Arca adds title and status) into one
 * line.
 */
final class KbsProblem {

    private static final int MAX_TEXT = 300;

    private KbsProblem() {
    }

    /** The problem detail in {@code body}, or null when the body is not one. */
    static ErrorInformation parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            ErrorInformation problem = Json.read(body, ErrorInformation.class);
            return problem != null && (problem.type() != null || problem.detail() != null) ? problem : null;
        } catch (RuntimeException notAProblem) {
            return null;
        }
    }

    /** "HTTP 403 PolicyDeny: Access denied by policy", or the status and the (shortened) body text. */
    static String describe(int status, byte[] body, ErrorInformation problem) {
        StringBuilder text = new StringBuilder("HTTP ").append(status);
        if (problem != null) {
            if (problem.errorName() != null) {
                text.append(' ').append(oneLine(problem.errorName()));
                if (problem.detail() != null) {
                    text.append(':');
                }
            }
            if (problem.detail() != null) {
                text.append(' ').append(oneLine(problem.detail()));
            }
        } else if (body != null && body.length > 0) {
            text.append(' ').append(oneLine(new String(body, StandardCharsets.UTF_8)));
        }
        return text.toString();
    }

    static KbsException failure(KbsStep step, int status, byte[] body) {
        ErrorInformation problem = parse(body);
        return new KbsException(step, describe(status, body, problem), status, problem, null);
    }

    /** Server text in an error message: control characters out, length bounded, so it stays one log line. */
    static String oneLine(String text) {
        String clean = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return clean.length() > MAX_TEXT ? clean.substring(0, MAX_TEXT) + "…" : clean;
    }
}
