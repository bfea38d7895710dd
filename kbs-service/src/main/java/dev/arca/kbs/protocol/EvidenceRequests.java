package dev.arca.kbs.protocol;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.as.AttestationRequest;
import dev.arca.model.as.InitDataInput;
import dev.arca.model.as.RuntimeDataInput;
import dev.arca.model.as.VerificationRequest;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.InitData;
import dev.arca.model.tee.Tee;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an Attestation message into the AS request, one verification request per independent evidence, exactly as
 * Trustee kbs_attestation_protocol.md says. The runtime-data objects must carry exactly the keys the guest hashed, or
 * the AS computes a different digest: {@code tee-pubkey} (as received) and {@code nonce} (the session's), and for
 * the primary evidence of composite generations (0.3.0, 0.4.0) also {@code additional-evidence}. Generations before
 * 0.3.0 hashed {nonce, tee-pubkey} only.
 */
final class EvidenceRequests {

    /** The KBS always asks for policy "default"; the AS appends the device class (Trustee kbs.yaml API). */
    static final List<String> POLICY_IDS = List.of("default");

    private EvidenceRequests() {
    }

    static AttestationRequest build(Tee primaryTee, String nonce, HashAlgorithm hash, GuestAttestation attestation) {
        JsonNode teePubkey = attestation.teePubkey();
        String additional = attestation.additionalEvidence();

        ObjectNode primaryRuntime = Json.MAPPER.createObjectNode();
        primaryRuntime.set("tee-pubkey", teePubkey);
        primaryRuntime.put("nonce", nonce);
        if (additional != null) {
            primaryRuntime.put("additional-evidence", additional);
        }

        List<VerificationRequest> requests = new ArrayList<>();
        requests.add(new VerificationRequest(primaryTee.wireName(), Base64s.url(attestation.primaryEvidence()),
                RuntimeDataInput.structured(primaryRuntime), initData(attestation.initData()), hash.wireName()));
        for (Map.Entry<Tee, JsonNode> device : additionalEvidence(additional == null ? "" : additional).entrySet()) {
            ObjectNode deviceRuntime = Json.MAPPER.createObjectNode();
            deviceRuntime.set("tee-pubkey", teePubkey);
            deviceRuntime.put("nonce", nonce);
            requests.add(new VerificationRequest(device.getKey().wireName(),
                    Base64s.url(Json.writeBytes(device.getValue())), RuntimeDataInput.structured(deviceRuntime), null,
                    hash.wireName()));
        }
        return new AttestationRequest(requests, POLICY_IDS);
    }

    private static InitDataInput initData(InitData initData) {
        if (initData == null) {
            return null;
        }
        if (!InitData.TOML.equals(initData.format())) {
            throw new KbsException(KbsErrorType.InvalidRequest,
                    "init-data format '" + initData.format() + "' is not supported; only toml is");
        }
        if (initData.body() == null) {
            throw new KbsException(KbsErrorType.InvalidRequest, "init-data has no body");
        }
        return InitDataInput.toml(initData.body());
    }

    /**
     * The additional_evidence string: empty, or a JSON object TEE name → evidence (Trustee
     * kbs_attestation_protocol.md).
     */
    static Map<Tee, JsonNode> additionalEvidence(String text) {
        Map<Tee, JsonNode> devices = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return devices;
        }
        JsonNode parsed;
        try {
            parsed = Json.tree(text);
        } catch (JacksonException e) {
            throw new KbsException(KbsErrorType.InvalidRequest, "additional_evidence is not JSON text");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new KbsException(KbsErrorType.InvalidRequest,
                    "additional_evidence must be a JSON object of TEE name to evidence");
        }
        for (Map.Entry<String, JsonNode> entry : parsed.properties()) {
            Tee tee = Tee.fromWire(entry.getKey()).orElseThrow(() -> new KbsException(KbsErrorType.InvalidRequest,
                    "additional_evidence names unknown TEE '" + entry.getKey() + "'"));
            devices.put(tee, entry.getValue());
        }
        return devices;
    }
}
