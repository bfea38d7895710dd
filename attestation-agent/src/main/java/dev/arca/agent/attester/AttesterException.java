package dev.arca.agent.attester;

/** The TEE could not produce evidence (device missing, driver error, report data it cannot bind). */
public class AttesterException extends Exception {

    public AttesterException(String message) {
        super(message);
    }

    public AttesterException(String message, Throwable cause) {
        super(message, cause);
    }
}
