package dev.arca.agent.attester.tpm;

import dev.arca.agent.attester.AttesterException;

/** A TPM command failed: the device could not be used, or the TPM answered with a non-zero response code. */
public class TpmException extends AttesterException {

    private final int responseCode;

    public TpmException(String message) {
        this(message, 0, null);
    }

    public TpmException(String message, int responseCode, Throwable cause) {
        super(message, cause);
        this.responseCode = responseCode;
    }

    /** The TPM_RC the TPM returned, 0 when the failure happened outside the TPM. */
    public int responseCode() {
        return responseCode;
    }

    /** TPM_RC_HANDLE in format 1 (any parameter/handle number): the handle (e.g. an NV index) does not exist. */
    public boolean isHandleError() {
        return (responseCode & 0x080) != 0 && (responseCode & 0x03F) == 0x00B;
    }
}
