package dev.arca.attestation.verifier.cca;

import dev.arca.attestation.verifier.Binding;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Remote mode (upstream's {@code type: remote}): a Veraison verifier appraises the token in a challenge-response
 * session whose nonce is the expected report data regularised to the realm challenge's 64 bytes, and its EAR is
 * checked here. Runtime data is therefore required, as upstream requires it for CCA: without a nonce there is no
 * session to bind the realm challenge to.
 */
final class RemoteCcaAppraisal implements CcaAppraisal {

    private static final int REALM_CHALLENGE_SIZE = 64;

    private final VeraisonSession session;
    private final VeraisonEar ear;

    RemoteCcaAppraisal(VeraisonSession session, VeraisonEar ear) {
        this.session = session;
        this.ear = ear;
    }

    @Override
    public ObjectNode appraise(byte[] token, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest) throws VerificationException {
        byte[] nonce = Binding.regularize(expectedReportData.orElseThrow(() -> new VerificationException(
                Failure.REPORT_DATA_MISMATCH, "remote CCA verification needs runtime data: it is the Veraison"
                        + " session's nonce")), REALM_CHALLENGE_SIZE);
        return ear.claims(session.appraise(token, nonce), nonce, expectedInitDataDigest);
    }
}
