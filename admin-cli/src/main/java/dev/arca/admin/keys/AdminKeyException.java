package dev.arca.admin.keys;

/** The admin key files are missing, unreadable or inconsistent. The message says which file and what to do. */
public class AdminKeyException extends Exception {

    public AdminKeyException(String message) {
        super(message);
    }

    public AdminKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
