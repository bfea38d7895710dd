package dev.arca.launcher.suite;

/**
 * Why {@code ./arca} cannot go on, in one line that says what to do. A usage failure (exit 2) is a bad option or
 * argument; any other (exit 1) comes from the machine or a service.
 */
public final class LaunchFailure extends Exception {

    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private final int exitCode;
    private final String detail;

    private LaunchFailure(String message, int exitCode, Throwable cause, String detail) {
        super(message, cause);
        this.exitCode = exitCode;
        this.detail = detail;
    }

    private LaunchFailure(String message, int exitCode, Throwable cause) {
        this(message, exitCode, cause, null);
    }

    public static LaunchFailure usage(String message) {
        return new LaunchFailure(message, USAGE, null);
    }

    public static LaunchFailure failure(String message) {
        return new LaunchFailure(message, FAILURE, null);
    }

    public static LaunchFailure failure(String message, Throwable cause) {
        return new LaunchFailure(message, FAILURE, cause);
    }

    /** A failure whose longer story (e.g. the tail of a service's log) is shown only with --verbose. */
    public static LaunchFailure failure(String message, String detail) {
        return new LaunchFailure(message, FAILURE, null, detail);
    }

    /** The longer story, or null. */
    public String detail() {
        return detail;
    }

    public int exitCode() {
        return exitCode;
    }
}
