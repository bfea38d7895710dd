package dev.arca.kbs.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.web.RequestBodies;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.kbs.KbsRequest;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.kbs.TeePublicKey;
import dev.arca.model.tee.Tee;

/**
 * Fuzzes the RCAR message bodies as the KBS reads them (docs/fuzzing.md): the /auth Request and the /attest
 * Attestation in the shape of every protocol generation (0.1.0 … 0.4.0), down to the tee-pubkey JWK, the runtime-data
 * the AS will hash, the init-data and the additional evidence. Every body is either turned into an AS request or
 * refused with a {@link KbsException} (a 4xx problem); anything else that escapes would be a 500.
 */
class KbsProtocolFuzzTest {

    /** POST /kbs/v0/auth, as HandshakeService reads it before it opens a session. */
    @FuzzTest
    void request(byte[] body) {
        try {
            KbsRequest request = RequestBodies.json(body, KbsRequest.class, "Request");
            ProtocolVersion.fromVersion(request.version());
            request.teeType();
            HashNegotiation.negotiate(request.extraParams());
        } catch (KbsException refused) {
            // typed refusal
        }
    }

    /** POST /kbs/v0/attest in each generation's shape, as AttestService reads it before it calls the AS. */
    @FuzzTest
    void attestation(byte[] body) {
        for (ProtocolVersion protocol : ProtocolVersion.values()) {
            try {
                GuestAttestation attestation = AttestationMessages.parse(protocol, body);
                teeKey(attestation);
                EvidenceRequests.build(Tee.TDX, "bm9uY2U=", HashAlgorithm.DEFAULT, attestation);
            } catch (KbsException refused) {
                // typed refusal
            }
        }
    }

    /** As AttestService.teeKey: an unusable key is a 400 InvalidRequest. */
    private static TeePublicKey teeKey(GuestAttestation attestation) {
        try {
            return TeePublicKey.parse(attestation.teePubkey());
        } catch (IllegalArgumentException e) {
            throw new KbsException(KbsErrorType.InvalidRequest, "invalid tee-pubkey: " + e.getMessage());
        }
    }
}
