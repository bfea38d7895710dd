package dev.arca.agent.kbs;

/** A resource JWE that this key cannot, or must not, decrypt. */
public class JweDecryptionException extends Exception {

    public JweDecryptionException(String message) {
        super(message);
    }

    public JweDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
