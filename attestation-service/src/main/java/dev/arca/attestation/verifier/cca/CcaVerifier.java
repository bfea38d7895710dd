package dev.arca.attestation.verifier.cca;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.cca.CcaTokenVerifier;
import dev.arca.cca.CcaVerificationException;
import dev.arca.model.tee.Tee;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Arm CCA (Trustee cca verifier). Local mode: verified in pure Java by the arm-cca module against the stores of
 * {@code arca.as.cca.*}: platform token by the CPAK, realm token by the RAK, the RAK bound into the platform challenge,
 * realm challenge = expected report data, personalization value = init-data digest, reference values appraised.
 * Remote mode: appraised by a Veraison verifier whose EAR is checked here ({@link RemoteCcaAppraisal}). The claims are
 * upstream's, under {@code cca}, the same in both modes; device class {@code cpu}. In local mode without configured
 * stores every token is refused.
 */
public class CcaVerifier implements Verifier {

    private final Optional<CcaAppraisal> appraisal;

    /** Local mode: verified by the arm-cca module against the stores, or every token refused without them. */
    public CcaVerifier(Optional<CcaTokenVerifier> verifier) {
        this.appraisal = verifier.map(LocalCcaAppraisal::new);
    }

    CcaVerifier(CcaAppraisal appraisal) {
        this.appraisal = Optional.of(appraisal);
    }

    @Override
    public Tee tee() {
        return Tee.CCA;
    }

    /**
     * @param verificationTime unused: a CCA token carries no certificates or collateral that expire; the CPAK's trust
     *                         is its presence in the trust-anchor store
     */
    @Override
    public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
        byte[] token = CcaEvidenceJson.token(evidence);
        CcaAppraisal configured = appraisal.orElseThrow(() -> new VerificationException(Failure.UNTRUSTED_CHAIN,
                "no CCA trust anchors are configured (arca.as.cca.trust-anchor-store and reference-value-store)"));
        return List.of(new DeviceClaims(configured.appraise(token, expectedReportData, expectedInitDataDigest),
                Tee.CCA.deviceClass()));
    }

    /** One place for the module's refusals (docs/verifiers/cca-csv-nvidia.md "Outcomes"). */
    static VerificationException translate(CcaVerificationException e) {
        String message = e.getMessage();
        return switch (e.reason()) {
            case FORMAT -> new VerificationException(Failure.MALFORMED_EVIDENCE, "malformed CCA token: " + message, e);
            case UNKNOWN_PLATFORM -> new VerificationException(Failure.UNTRUSTED_CHAIN, message, e);
            case PLATFORM_SIGNATURE, REALM_SIGNATURE -> new VerificationException(Failure.SIGNATURE_INVALID, message,
                    e);
            case RAK_BINDING -> new VerificationException(Failure.SIGNATURE_INVALID,
                    "the realm attestation key is not attested by the platform: " + message, e);
            case CHALLENGE_MISMATCH -> new VerificationException(Failure.REPORT_DATA_MISMATCH, message, e);
            case INIT_DATA_MISMATCH -> new VerificationException(Failure.INIT_DATA_MISMATCH, message, e);
            case PLATFORM_REFERENCE_VALUES, REALM_REFERENCE_VALUES -> new VerificationException(Failure.TCB_REJECTED,
                    message, e);
        };
    }
}
