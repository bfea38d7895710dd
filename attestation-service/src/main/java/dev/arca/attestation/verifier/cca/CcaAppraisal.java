package dev.arca.attestation.verifier.cca;

import dev.arca.attestation.verifier.VerificationException;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One way to verify a CCA token and turn it into upstream's claims: in this service (local) or by a Veraison verifier
 * (remote). Both give the same claims ({@link CcaClaims}), so policies do not depend on the mode.
 */
interface CcaAppraisal {

    /**
     * @param token                  the CCA attestation token collection (CBOR tag 399)
     * @param expectedReportData     the bytes the realm challenge must bind, when the caller gave runtime data
     * @param expectedInitDataDigest the bytes the realm personalization value must bind, when given
     * @return the {@code cca} claims
     */
    ObjectNode appraise(byte[] token, Optional<byte[]> expectedReportData, Optional<byte[]> expectedInitDataDigest)
            throws VerificationException;
}
