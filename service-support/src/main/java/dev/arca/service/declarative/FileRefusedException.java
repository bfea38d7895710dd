package dev.arca.service.declarative;

/** A declared file that fails the same validation as an admin-API upload; the message is the reason, for the log. */
public class FileRefusedException extends Exception {

    public FileRefusedException(String reason) {
        super(reason);
    }

    public FileRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
