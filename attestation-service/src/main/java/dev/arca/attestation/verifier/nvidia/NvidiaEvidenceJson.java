package dev.arca.attestation.verifier.nvidia;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.model.json.Hex;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The evidence upstream's guest attester sends for NVIDIA devices (Trustee deps/verifier nvidia):
 * {@code {"device_evidence_list": [{"arch", "uuid", "evidence", "certificate"}]}}: {@code evidence} is the SPDM
 * report in hex (older attesters) or base64, {@code certificate} the base64 of the PEM device chain.
 */
record NvidiaEvidenceJson(List<Device> devices) {

    /** Bounds the work one request can ask for (a board has at most eight GPUs; leave room for switches). */
    static final int MAX_DEVICES = 16;

    record Device(String arch, String uuid, byte[] report, byte[] chainPem) {
    }

    static NvidiaEvidenceJson parse(JsonNode evidence) throws VerificationException {
        JsonNode list = evidence == null ? null : evidence.get("device_evidence_list");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw VerificationException.malformed("NVIDIA evidence needs a non-empty device_evidence_list");
        }
        if (list.size() > MAX_DEVICES) {
            throw VerificationException.malformed("NVIDIA evidence lists more than " + MAX_DEVICES + " devices");
        }
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode device = list.get(i);
            String where = "device_evidence_list[" + i + "]";
            String arch = text(device, "arch", where);
            String report = text(device, "evidence", where);
            devices.add(new Device(arch, text(device, "uuid", where), decodeReport(report, where),
                    base64(text(device, "certificate", where), where + ".certificate")));
        }
        return new NvidiaEvidenceJson(devices);
    }

    private static String text(JsonNode device, String member, String where) throws VerificationException {
        JsonNode value = device == null ? null : device.get(member);
        if (value == null || !value.isString()) {
            throw VerificationException.malformed(where + "." + member + " must be a string");
        }
        return value.stringValue();
    }

    /** Hex first, as upstream tries it first; base64 otherwise. */
    private static byte[] decodeReport(String report, String where) throws VerificationException {
        String trimmed = report.strip();
        if (trimmed.length() % 2 == 0 && trimmed.toLowerCase(Locale.ROOT).matches("[0-9a-f]+")) {
            return Hex.parse(trimmed);
        }
        return base64(trimmed, where + ".evidence");
    }

    private static byte[] base64(String value, String where) throws VerificationException {
        try {
            return Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw VerificationException.malformed(where + " is neither hex nor base64");
        }
    }
}
