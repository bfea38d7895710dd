package dev.arca.nvidia.spdm;

import dev.arca.nvidia.NvidiaVerificationException;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import dev.arca.model.json.Hex;

/**
 * An NVIDIA GPU attestation report: the SPDM GET_MEASUREMENTS request followed by the MEASUREMENTS response, whose
 * last field is the responder's signature over every byte before it (DSP0274 1.1 §10.11: the signature covers the
 * transcript of request and response). Bytes after the signature are ignored, as upstream does: real CoCo evidence
 * carries one (MANIFEST §10).
 */
public record SpdmReport(MeasurementsRequest request, MeasurementsResponse response, byte[] signedBytes,
        byte[] signature) {

    /** SPDM 1.1, the only version Hopper speaks and upstream accepts. */
    public static final int SPDM_VERSION_1_1 = 0x11;
    public static final int NONCE_SIZE = 32;
    /** Hopper signs with ECDSA P-384: raw r‖s, 48 bytes each. */
    public static final int HOPPER_SIGNATURE_SIZE = 96;

    public SpdmReport {
        signedBytes = signedBytes.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] signedBytes() {
        return signedBytes.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The measurements by index as lower-case hex, as upstream's {@code measurements} claim holds them. */
    public SortedMap<Integer, String> measurements() {
        SortedMap<Integer, String> measurements = new TreeMap<>();
        response.blocks().forEach(block -> measurements.put(block.index(), Hex.of(block.value())));
        return measurements;
    }

    /** Parses a Hopper report (signature of {@value #HOPPER_SIGNATURE_SIZE} bytes). */
    public static SpdmReport parse(byte[] report) throws NvidiaVerificationException {
        return parse(report, HOPPER_SIGNATURE_SIZE);
    }

    public static SpdmReport parse(byte[] report, int signatureSize) throws NvidiaVerificationException {
        if (report == null || report.length < MeasurementsRequest.SIZE) {
            throw NvidiaVerificationException.format("the report is shorter than a GET_MEASUREMENTS request");
        }
        SpdmReader in = new SpdmReader(report, 0, report.length);
        MeasurementsRequest request = MeasurementsRequest.read(in);
        MeasurementsResponse response = MeasurementsResponse.read(in);
        if (response.spdmVersion() != request.spdmVersion()) {
            throw NvidiaVerificationException.format("the request and the response speak different SPDM versions");
        }
        int signedLength = in.position();
        byte[] signature = in.take(signatureSize, "response signature");
        return new SpdmReport(request, response, Arrays.copyOf(report, signedLength), signature);
    }

    static void requireVersion(int version, String message) throws NvidiaVerificationException {
        if (version != SPDM_VERSION_1_1) {
            throw NvidiaVerificationException.format(String.format("the %s has SPDM version 0x%02x; only 1.1 (0x%02x)"
                    + " is supported", message, version, SPDM_VERSION_1_1));
        }
    }
}
