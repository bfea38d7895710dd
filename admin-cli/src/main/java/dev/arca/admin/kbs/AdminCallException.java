package dev.arca.admin.kbs;

/**
 * An admin call that did not succeed: "HTTP <status> <problem detail>" when the service answered, otherwise what
 * kept the call from being made or answered.
 */
public class AdminCallException extends Exception {

    private final int status;

    public AdminCallException(String message) {
        this(message, 0, null);
    }

    public AdminCallException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
