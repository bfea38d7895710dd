package dev.arca.model.kbs;

import java.util.Arrays;
import java.util.Optional;

/**
 * The KBS protocol generations a guest may announce in {@code Request.version} (Trustee kbs_attestation_protocol.md;
 * older Trustee KBS protocol versions). Each one fixes the shape of the Attestation message, the runtime-data objects
 * the guest hashes into its evidence, and the JWE format of cookie-based releases. Versions match exactly, as upstream
 * matches {@code =0.4.0}; the guest and the KBS read the same rules from here.
 */
public enum ProtocolVersion {
    /** Trustee ≤ v0.9: flat RSA tee-pubkey, tee-evidence as JSON text, legacy JWE (RSA1_5). */
    V0_1_0("0.1.0"),
    /** Trustee v0.10–v0.11: tee-pubkey RSA or EC, tee-evidence any JSON, still the legacy JWE. */
    V0_1_1("0.1.1"),
    /** Trustee v0.12–v0.13: the 0.1.1 Attestation shape with the RFC 7516 JWE. */
    V0_2_0("0.2.0"),
    /** Unreleased: tee-pubkey at top level, composite evidence {primary_evidence, additional_evidence}. */
    V0_3_0("0.3.0"),
    /** Current: {init-data?, runtime-data{nonce, tee-pubkey}, tee-evidence{…}}. */
    V0_4_0("0.4.0");

    /** What current guests and Trustee ≥ v0.14 speak. */
    public static final ProtocolVersion CURRENT = V0_4_0;

    private final String version;

    ProtocolVersion(String version) {
        this.version = version;
    }

    public String version() {
        return version;
    }

    public static Optional<ProtocolVersion> fromVersion(String version) {
        return Arrays.stream(values()).filter(p -> p.version.equals(version)).findFirst();
    }

    /**
     * 0.1.0 and 0.1.1 guests decrypt only the pre-RFC JWE of the Trustee KBS protocol before 0.2.0 (RSA1_5, tag
     * appended).
     */
    public boolean legacyJwe() {
        return this == V0_1_0 || this == V0_1_1;
    }

    /** Only 0.4.0 sends {@code runtime-data} (with the nonce it answers) and init-data. */
    public boolean runtimeDataMember() {
        return this == V0_4_0;
    }

    /**
     * From 0.3.0 on the evidence is composite and the primary runtime data also carries {@code additional-evidence}
     * (Trustee kbs_attestation_protocol.md); before, the guest hashed {nonce, tee-pubkey} only.
     */
    public boolean compositeEvidence() {
        return this == V0_3_0 || this == V0_4_0;
    }

    /** Hash negotiation through extra-params belongs to the current protocol; older guests always use SHA-384. */
    public boolean negotiatesHash() {
        return this == V0_4_0;
    }

    @Override
    public String toString() {
        return version;
    }
}
