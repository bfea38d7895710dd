package dev.arca.model.admin;

/** An admin request without a valid credential. The message is safe to return to the caller. */
public class AdminAuthException extends Exception {

    public AdminAuthException(String message) {
        super(message);
    }
}
