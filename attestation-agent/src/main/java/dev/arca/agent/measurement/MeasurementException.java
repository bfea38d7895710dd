package dev.arca.agent.measurement;

/** A runtime measurement could not be recorded: bad event text, register failure, or an inconsistent log. */
public class MeasurementException extends Exception {

    private final boolean badRequest;

    public MeasurementException(String message, boolean badRequest, Throwable cause) {
        super(message, cause);
        this.badRequest = badRequest;
    }

    /** True when the caller's event was at fault (e.g. a newline in the content), not the agent or the TEE. */
    public boolean badRequest() {
        return badRequest;
    }
}
