package dev.arca.attestation.verifier.cca;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.cca.CcaTokenVerifier;
import dev.arca.cca.CcaVerificationException;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Local mode: the arm-cca module verifies the token against the configured trust-anchor and reference-value stores. */
final class LocalCcaAppraisal implements CcaAppraisal {

    private final CcaTokenVerifier verifier;

    LocalCcaAppraisal(CcaTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public ObjectNode appraise(byte[] token, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest) throws VerificationException {
        try {
            return CcaClaims.build(verifier.verify(token, expectedReportData, expectedInitDataDigest));
        } catch (CcaVerificationException e) {
            throw CcaVerifier.translate(e);
        }
    }
}
