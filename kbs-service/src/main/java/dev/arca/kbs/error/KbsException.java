package dev.arca.kbs.error;

import dev.arca.model.error.ErrorInformation;
import dev.arca.model.error.KbsErrorType;

/**
 * A refusal the caller can act on. The detail is returned verbatim in the problem body, so it must never contain a
 * secret or internal state.
 */
public class KbsException extends RuntimeException {

    private final ErrorInformation problem;

    public KbsException(KbsErrorType type, String detail) {
        this(ErrorInformation.kbs(type, detail));
    }

    public KbsException(KbsErrorType type, String detail, Throwable cause) {
        super(detail, cause);
        this.problem = ErrorInformation.kbs(type, detail);
    }

    /** For statuses the upstream error names do not carry (e.g. a 405 on the resource plugin, a relayed 4xx). */
    public KbsException(ErrorInformation problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public ErrorInformation problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }
}
