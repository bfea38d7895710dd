package dev.arca.kbs.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.web.RequestBodies;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.Attestation;
import dev.arca.model.kbs.CompositeEvidence;
import dev.arca.model.kbs.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the /attest body in the shape of the session's protocol generation (Trustee kbs_attestation_protocol.md; older
 * Trustee KBS protocol versions):
 * <ul>
 * <li>0.4.0: {@code {init-data?, runtime-data{nonce, tee-pubkey}, tee-evidence{primary_evidence,
 * additional_evidence}}};</li>
 * <li>0.3.0: {@code {tee-pubkey, tee-evidence{primary_evidence, additional_evidence}}};</li>
 * <li>0.2.0 and 0.1.1: {@code {tee-pubkey, tee-evidence: any JSON}};</li>
 * <li>0.1.0: {@code {tee-pubkey: {kty, alg, n, e}, tee-evidence: "<JSON text>"}}.</li>
 * </ul>
 * The evidence reaches the AS as JSON text: a JSON value as its compact serialisation, and a string (the 0.1.0 form,
 * which 0.1.1 guests may still send) as the text it contains, which must itself be JSON.
 */
final class AttestationMessages {

    /** 0.1.0 to 0.2.0: the key and the evidence at top level. */
    record Flat(@JsonProperty("tee-pubkey") JsonNode teePubkey, @JsonProperty("tee-evidence") JsonNode teeEvidence) {
    }

    /** 0.3.0: the key at top level, composite evidence. */
    record Composite(@JsonProperty("tee-pubkey") JsonNode teePubkey,
            @JsonProperty("tee-evidence") CompositeEvidence teeEvidence) {
    }

    private AttestationMessages() {
    }

    static GuestAttestation parse(ProtocolVersion protocol, byte[] body) {
        return switch (protocol) {
            case V0_4_0 -> current(RequestBodies.json(body, Attestation.class, "Attestation"));
            case V0_3_0 -> composite(RequestBodies.json(body, Composite.class, "Attestation (protocol 0.3.0)"));
            case V0_1_0, V0_1_1, V0_2_0 -> flat(protocol, RequestBodies.json(body, Flat.class,
                    "Attestation (protocol " + protocol + ")"));
        };
    }

    private static GuestAttestation current(Attestation attestation) {
        if (attestation.runtimeData() == null || attestation.teeEvidence() == null) {
            throw new KbsException(KbsErrorType.SerdeError,
                    "deserialize Attestation: runtime-data and tee-evidence are required");
        }
        CompositeEvidence evidence = attestation.teeEvidence();
        return new GuestAttestation(requireKey(attestation.runtimeData().teePubkey()),
                attestation.runtimeData().nonce(), primary(evidence), evidence.additionalEvidenceOrEmpty(),
                attestation.initData());
    }

    private static GuestAttestation composite(Composite attestation) {
        if (attestation.teeEvidence() == null) {
            throw new KbsException(KbsErrorType.SerdeError, "deserialize Attestation: tee-evidence is required");
        }
        return new GuestAttestation(requireKey(attestation.teePubkey()), null, primary(attestation.teeEvidence()),
                attestation.teeEvidence().additionalEvidenceOrEmpty(), null);
    }

    private static GuestAttestation flat(ProtocolVersion protocol, Flat attestation) {
        JsonNode evidence = attestation.teeEvidence();
        if (evidence == null || evidence.isNull() || evidence.isMissingNode()) {
            throw new KbsException(KbsErrorType.SerdeError, "deserialize Attestation: tee-evidence is required");
        }
        if (protocol == ProtocolVersion.V0_1_0 && !evidence.isString()) {
            throw new KbsException(KbsErrorType.SerdeError,
                    "deserialize Attestation: protocol 0.1.0 sends tee-evidence as a string of JSON text");
        }
        return new GuestAttestation(requireKey(attestation.teePubkey()), null, evidenceText(evidence), null, null);
    }

    private static byte[] primary(CompositeEvidence evidence) {
        JsonNode primary = evidence.primaryEvidence();
        if (primary == null || primary.isNull() || primary.isMissingNode()) {
            throw new KbsException(KbsErrorType.InvalidRequest, "tee-evidence.primary_evidence is missing");
        }
        return Json.writeBytes(primary);
    }

    /** A string is JSON text already (the 0.1.0 form); any other value is sent as its compact JSON. */
    private static byte[] evidenceText(JsonNode evidence) {
        if (!evidence.isString()) {
            return Json.writeBytes(evidence);
        }
        String text = evidence.asString();
        try {
            JsonNode parsed = Json.tree(text);
            if (parsed == null || parsed.isMissingNode()) {
                throw new KbsException(KbsErrorType.InvalidRequest, "tee-evidence is an empty string");
            }
        } catch (JacksonException e) {
            throw new KbsException(KbsErrorType.InvalidRequest, "tee-evidence is a string but not JSON text");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode requireKey(JsonNode teePubkey) {
        if (teePubkey == null || !teePubkey.isObject()) {
            throw new KbsException(KbsErrorType.SerdeError, "deserialize Attestation: tee-pubkey is required");
        }
        return teePubkey;
    }
}
