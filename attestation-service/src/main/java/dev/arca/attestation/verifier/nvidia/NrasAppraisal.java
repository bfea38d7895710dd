package dev.arca.attestation.verifier.nvidia;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.model.json.Hex;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Remote mode (upstream's {@code type: Remote}): each device's evidence goes to NRAS, one request per device as
 * upstream sends it, with the nonce in hex and {@code claims_version} 3.0. Hopper and Blackwell GPUs are {@code gpu}
 * devices, LS10 NVSwitches {@code switch} devices. NRAS checks the chain (with OCSP), the signature and the RIMs; its
 * claims ({@code x-nvidia-…}, {@code secboot}, {@code dbgstat}, {@code measres} …) are appraised by
 * {@code default_gpu}/{@code default_switch}.
 */
final class NrasAppraisal {

    private static final Map<String, String> DEVICE_TYPES = Map.of("HOPPER", "gpu", "BLACKWELL", "gpu",
            "LS10", "switch");

    private final NrasClient client;
    private final NrasResult result;
    private final JsonMapper json;

    NrasAppraisal(NrasClient client, NrasResult result, JsonMapper json) {
        this.client = client;
        this.result = result;
        this.json = json;
    }

    List<DeviceClaims> appraise(NvidiaEvidenceJson evidence, byte[] nonce) throws VerificationException {
        List<DeviceClaims> devices = new ArrayList<>();
        for (NvidiaEvidenceJson.Device device : evidence.devices()) {
            String arch = device.arch().toUpperCase(Locale.ROOT);
            String type = DEVICE_TYPES.get(arch);
            if (type == null) {
                throw VerificationException.malformed("NRAS verifies HOPPER, BLACKWELL and LS10 devices, not "
                        + device.arch());
            }
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("nonce", Hex.of(nonce));
            request.put("arch", arch);
            request.put("evidence_list", List.of(Map.of(
                    "evidence", Base64.getEncoder().encodeToString(device.report()),
                    "certificate", Base64.getEncoder().encodeToString(device.chainPem()))));
            request.put("claims_version", "3.0");
            ObjectNode claims = result.claims(client.attest(type, json.writeValueAsString(request)), type, nonce);
            claims.put("report_data", Hex.of(nonce));
            devices.add(new DeviceClaims(claims, type));
        }
        return devices;
    }
}
