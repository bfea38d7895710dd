package dev.arca.attestation.initdata;

/** Init-data TOML the AS cannot use; the message says why. */
public class InvalidInitDataException extends Exception {

    public InvalidInitDataException(String message) {
        super(message);
    }
}
