package dev.arca.agent.kbs;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.Attestation;
import dev.arca.model.kbs.CompositeEvidence;
import dev.arca.model.kbs.InitData;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.kbs.RuntimeData;
import dev.arca.model.tee.Tee;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the Attestation message from a challenge (guest-components kbs_protocol, older Trustee KBS protocol versions),
 * in the shape of the protocol version the KBS speaks. From 0.3.0 on, device evidence comes first (bound to {nonce,
 * tee-pubkey}) and the primary evidence is bound to a digest that also covers the device evidence text; before 0.3.0
 * there are no devices and the primary evidence binds H(JCS({nonce, tee-pubkey})).
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

    boolean hasDevices() {
        return !devices.isEmpty();
    }

    boolean hasInitData() {
        return initDataToml != null;
    }

    /** The Attestation body for {@code protocol}. */
    JsonNode collect(ProtocolVersion protocol, String nonce, JsonNode teePubkey, HashAlgorithm hash)
            throws AttesterException {
        if (!protocol.compositeEvidence()) {
            byte[] reportData = RuntimeDataBinding.deviceReportData(nonce, teePubkey, hash);
            ObjectNode attestation = Json.MAPPER.createObjectNode();
            attestation.set("tee-pubkey", teePubkey);
            attestation.set("tee-evidence", primary.evidence(reportData));
            return attestation;
        }
        String additionalEvidence = additionalEvidence(nonce, teePubkey, hash);
        byte[] reportData = RuntimeDataBinding.primaryReportData(nonce, teePubkey, additionalEvidence, hash);
        CompositeEvidence evidence = new CompositeEvidence(primary.evidence(reportData), additionalEvidence);
        if (!protocol.runtimeDataMember()) {
            ObjectNode attestation = Json.MAPPER.createObjectNode();
            attestation.set("tee-pubkey", teePubkey);
            attestation.set("tee-evidence", Json.MAPPER.valueToTree(evidence));
            return attestation;
        }
        InitData initData = initDataToml == null ? null : new InitData(InitData.TOML, initDataToml);
        return Json.MAPPER.valueToTree(new Attestation(initData, new RuntimeData(nonce, teePubkey), evidence));
    }

    /**
     * AE: the JSON text of {tee: evidence} over all devices, or "" with none. The same string is
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
