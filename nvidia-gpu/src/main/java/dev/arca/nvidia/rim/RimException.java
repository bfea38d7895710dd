package dev.arca.nvidia.rim;

/** A RIM file that cannot be used: not a RIM, not signed as required, or signed by a chain that is not trusted. */
public class RimException extends Exception {

    public RimException(String message) {
        super(message);
    }

    public RimException(String message, Throwable cause) {
        super(message, cause);
    }
}
