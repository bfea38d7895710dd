package dev.arca.nvidia.spdm;

import dev.arca.nvidia.NvidiaVerificationException;

/**
 * The SPDM 1.1 GET_MEASUREMENTS request the verifier (the GPU driver on the guest) sent (DSP0274 1.1 §10.11, table
 * "GET_MEASUREMENTS request message"): version, code 0xE0, Param1 (bit 0: signature requested), Param2 (measurement
 * operation, 0xFF = all), the 32-byte nonce and the slot id. It is part of what the response signature covers.
 */
public record MeasurementsRequest(int spdmVersion, int param1, int measurementOperation, byte[] nonce, int slotId) {

    /** Its size in bytes: 4 header bytes, the nonce and SlotIDParam. */
    public static final int SIZE = 4 + SpdmReport.NONCE_SIZE + 1;
    static final int CODE = 0xE0;
    private static final int SIGNATURE_REQUESTED = 0x01;

    public MeasurementsRequest {
        nonce = nonce.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    static MeasurementsRequest read(SpdmReader in) throws NvidiaVerificationException {
        int version = in.u8("request SPDMVersion");
        SpdmReport.requireVersion(version, "request");
        int code = in.u8("request RequestResponseCode");
        if (code != CODE) {
            throw NvidiaVerificationException.format(String.format(
                    "the report does not start with a GET_MEASUREMENTS request (code 0x%02x, expected 0x%02x)", code,
                    CODE));
        }
        int param1 = in.u8("request Param1");
        if ((param1 & SIGNATURE_REQUESTED) == 0) {
            // an unsigned response proves nothing about the device
            throw NvidiaVerificationException.format("the GET_MEASUREMENTS request did not ask for a signature");
        }
        int operation = in.u8("request Param2");
        byte[] nonce = in.take(SpdmReport.NONCE_SIZE, "request nonce");
        int slot = in.u8("request SlotIDParam");
        return new MeasurementsRequest(version, param1, operation, nonce, slot);
    }
}
