package dev.arca.agent.kbs;

import java.util.Arrays;
import java.util.Optional;

/**
 * The KBS protocol versions this client speaks (specs/kbs.md §0, §2.8). A KBS accepts exactly one version, so the
 * guest must send the shapes of the version its KBS runs:
 * <ul>
 *   <li>0.1.1 (Trustee v0.10–v0.11): Attestation {@code {"tee-pubkey", "tee-evidence": <evidence>}}, binding
 *       H(JCS({nonce, tee-pubkey})), legacy JWE with RSA1_5 only (specs/kbs.md §3.4);</li>
 *   <li>0.2.0 (v0.12–v0.13): the same Attestation, RFC 7516 JWE;</li>
 *   <li>0.3.0 (unreleased): {@code "tee-evidence": {"primary_evidence", "additional_evidence"}}, composite
 *       binding;</li>
 *   <li>0.4.0 (v0.14 on): {@code {"init-data"?, "runtime-data", "tee-evidence"}} (specs/kbs.md §2.3).</li>
 * </ul>
 */
public enum KbsProtocol {
    V0_1_1("0.1.1"),
    V0_2_0("0.2.0"),
    V0_3_0("0.3.0"),
    V0_4_0("0.4.0");

    public static final KbsProtocol CURRENT = V0_4_0;

    private final String version;

    KbsProtocol(String version) {
        this.version = version;
    }

    public String version() {
        return version;
    }

    public static Optional<KbsProtocol> fromVersion(String version) {
        return Arrays.stream(values()).filter(p -> p.version.equals(version)).findFirst();
    }

    /** {"primary_evidence", "additional_evidence"} and the device binding (≥ 0.3.0). */
    public boolean compositeEvidence() {
        return compareTo(V0_3_0) >= 0;
    }

    /** {"runtime-data": {nonce, tee-pubkey}} and {"init-data"} in the Attestation (0.4.0). */
    public boolean runtimeDataMember() {
        return this == V0_4_0;
    }

    /** The guest lists its hash algorithms in the Request's extra-params (0.4.0 clients do). */
    public boolean offersHashAlgorithms() {
        return this == V0_4_0;
    }

    /** RFC 7516 flattened JWE with a base64url protected header (≥ 0.2.0); older KBSes use the legacy form. */
    public boolean rfcJwe() {
        return compareTo(V0_2_0) >= 0;
    }

    @Override
    public String toString() {
        return version;
    }
}
