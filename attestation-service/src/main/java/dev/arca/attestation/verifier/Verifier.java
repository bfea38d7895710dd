package dev.arca.attestation.verifier;

import dev.arca.model.tee.Tee;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One TEE's evidence verifier (specs/as-rvps.md §6.1): checks the evidence's signatures, endorsements and its
 * binding to the expected report data and init-data digest, and turns it into claims. One evidence may describe
 * several devices (a GPU board with switches, several DCUs), hence a list.
 *
 * <p>Adding a TEE means one package under {@code dev.arca.attestation.verifier} with an implementation of this
 * interface registered as a bean; {@link VerifierRegistry} picks it up. Verifiers are shared across requests and
 * must be thread-safe; caches of collateral belong inside them.
 */
public interface Verifier {

    /** The TEE whose evidence this verifier reads. */
    Tee tee();

    /**
     * @param evidence               the decoded evidence JSON
     * @param expectedReportData     the bytes the evidence must bind (specs/as-rvps.md §1.1), when the caller gave
     *                               runtime data; each verifier applies its TEE's comparison rule (§1.3)
     * @param expectedInitDataDigest the init-data digest to compare with the TEE's config field (§1.2, §1.3)
     * @return at least one device's claims
     * @throws VerificationException when the evidence is malformed or does not verify
     */
    List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest) throws VerificationException;
}
