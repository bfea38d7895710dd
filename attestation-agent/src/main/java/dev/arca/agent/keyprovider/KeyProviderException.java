package dev.arca.agent.keyprovider;

/** The key-provider request could not be served; the message says which part was wrong or failed. */
public class KeyProviderException extends Exception {

    public KeyProviderException(String message) {
        super(message);
    }

    public KeyProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
