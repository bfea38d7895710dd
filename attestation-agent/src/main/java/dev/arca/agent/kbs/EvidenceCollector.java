package dev.arca.agent.kbs;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.Attestation;
import dev.arca.model.kbs.CompositeEvidence;
import dev.arca.model.kbs.InitData;
import dev.arca.model.kbs.RuntimeData;
import dev.arca.model.tee.Tee;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the Attestation message of specs/aa.md §2.5–§2.6 from a challenge: device evidence first (bound to
 * {nonce, tee-pubkey}), then the primary evidence, bound to a digest that also covers the device evidence text.
 */
final class EvidenceCollector {

    private final Attester primary;
    private final List<Attester> devices;
    private final String initDataToml;

    EvidenceCollector(Attester primary, List<Attester> devices, String initDataToml) {
        Set<Tee> seen = new HashSet<>();
        for (Attester device : devices) {
            if (!seen.add(device.tee())) {
                throw new IllegalArgumentException("two additional attesters for " + device.tee());
            }
        }
        this.primary = primary;
        this.devices = List.copyOf(devices);
        this.initDataToml = initDataToml;
    }

    Tee primaryTee() {
        return primary.tee();
    }

    Attestation collect(String nonce, JsonNode teePubkey, HashAlgorithm hash) throws AttesterException {
        String additionalEvidence = additionalEvidence(nonce, teePubkey, hash);
        byte[] reportData = RuntimeDataBinding.primaryReportData(nonce, teePubkey, additionalEvidence, hash);
        JsonNode primaryEvidence = primary.evidence(reportData);
        InitData initData = initDataToml == null ? null : new InitData(InitData.TOML, initDataToml);
        return new Attestation(initData, new RuntimeData(nonce, teePubkey),
                new CompositeEvidence(primaryEvidence, additionalEvidence));
    }

    /**
     * AE: the JSON text of {tee: evidence} over all devices, or "" with none (§2.5 step 2). The same string is
     * hashed into the primary report data and sent, so its member order does not matter.
     */
    private String additionalEvidence(String nonce, JsonNode teePubkey, HashAlgorithm hash) throws AttesterException {
        if (devices.isEmpty()) {
            return "";
        }
        byte[] deviceReportData = RuntimeDataBinding.deviceReportData(nonce, teePubkey, hash);
        ObjectNode evidences = Json.MAPPER.createObjectNode();
        for (Attester device : devices) {
            evidences.set(device.tee().wireName(), device.evidence(deviceReportData));
        }
        return Json.write(evidences);
    }
}
