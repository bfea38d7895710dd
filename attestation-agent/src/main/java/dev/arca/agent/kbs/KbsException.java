package dev.arca.agent.kbs;

import dev.arca.model.error.ErrorInformation;
import java.util.Optional;

/**
 * A failed step of the KBS flow. It carries the step, the HTTP status when the KBS answered, and the KBS problem
 * detail when its body was one (Trustee kbs_attestation_protocol.md), so a caller can act on the KBS's own words.
 */
public class KbsException extends Exception {

    private final KbsStep step;
    private final int httpStatus;
    private final ErrorInformation problem;

    public KbsException(KbsStep step, String reason) {
        this(step, reason, 0, null, null);
    }

    public KbsException(KbsStep step, String reason, Throwable cause) {
        this(step, reason, 0, null, cause);
    }

    public KbsException(KbsStep step, String reason, int httpStatus, ErrorInformation problem, Throwable cause) {
        super(reason, cause);
        this.step = step;
        this.httpStatus = httpStatus;
        this.problem = problem;
    }

    public KbsStep step() {
        return step;
    }

    /** The KBS's HTTP status, or 0 when the failure happened before or without an answer. */
    public int httpStatus() {
        return httpStatus;
    }

    public Optional<ErrorInformation> problem() {
        return Optional.ofNullable(problem);
    }
}
