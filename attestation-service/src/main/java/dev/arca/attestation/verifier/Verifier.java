package dev.arca.attestation.verifier;

import dev.arca.model.tee.Tee;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One TEE's evidence verifier (Trustee deps/verifier): checks the evidence's signatures, endorsements and its
 * binding to the expected report data and init-data digest, and turns it into claims. One evidence may describe
 * several devices (a GPU board with switches, several DCUs), hence a list.
 *
 * <p>Adding a TEE means one package under {@code dev.arca.attestation.verifier} with an implementation of this
 * interface annotated {@code @Component} (or returned by a {@code @Bean} method); {@link VerifierRegistry} picks up
 * every {@code Verifier} bean, and a second bean for the same TEE stops the service at startup. Verifiers are shared
 * across requests and must be thread-safe; collateral they fetch goes through
 * {@link dev.arca.attestation.collateral.CollateralProviders}.
 */
public interface Verifier {

    /** The TEE whose evidence this verifier reads. */
    Tee tee();

    /**
     * @param evidence               the decoded evidence JSON
     * @param expectedReportData     the bytes the evidence must bind (Trustee restful-as.md), when the caller gave
     *                               runtime data; each verifier applies its TEE's comparison rule (Trustee
     *                               deps/verifier)
     * @param expectedInitDataDigest the init-data digest to compare with the TEE's config field (Trustee initdata.md)
     * @param verificationTime       the instant at which certificates, CRLs and collateral must be valid: now,
     *                               unless the operator allowed verifying "as of" another instant
     *                               (docs/attestation-service.md "Verification time"); never read a clock instead
     * @return at least one device's claims
     * @throws VerificationException when the evidence is malformed or does not verify
     */
    List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException;

    /**
     * The challenge of {@code POST /challenge} (Trustee restful-as.md): the empty string for every TEE except IBM
     * Secure Execution, whose verifier builds an attestation request from {@code teeParams} (Trustee se verifier).
     *
     * @throws VerificationException when the parameters are unusable
     */
    default String challenge(String teeParams) throws VerificationException {
        return "";
    }
}
