package dev.arca.attestation.web;

/** A rejection whose message is safe to return to the caller as the problem {@code detail}. */
public class ApiException extends RuntimeException {

    private final Problem problem;

    public ApiException(Problem problem, String detail) {
        super(detail);
        this.problem = problem;
    }

    public ApiException(Problem problem, String detail, Throwable cause) {
        super(detail, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(Problem.INVALID_REQUEST, detail);
    }
}
