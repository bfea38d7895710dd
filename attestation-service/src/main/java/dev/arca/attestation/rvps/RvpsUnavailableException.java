package dev.arca.attestation.rvps;

/** The RVPS did not give a usable answer (down, timed out, or answered an error). */
public class RvpsUnavailableException extends RuntimeException {

    public RvpsUnavailableException(String message) {
        super(message);
    }

    public RvpsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
