package dev.arca.model.image;

/** A key-provider message or annotation could not be read or served; the message says which part was wrong. */
public class KeyProviderException extends Exception {

    public KeyProviderException(String message) {
        super(message);
    }

    public KeyProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
