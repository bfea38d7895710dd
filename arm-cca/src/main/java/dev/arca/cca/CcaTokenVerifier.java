package dev.arca.cca;

import dev.arca.cca.CcaVerificationException.Reason;
import dev.arca.cca.store.ReferenceValueStore;
import dev.arca.cca.store.TrustAnchorStore;
import dev.arca.cca.token.CcaToken;
import dev.arca.cca.token.PlatformClaims;
import dev.arca.cca.token.RealmClaims;
import dev.arca.model.json.Hex;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a CCA attestation token locally, as upstream's local CCA verifier does with Veraison's ccatoken crate, and
 * refuses at the first region that fails:
 * <ol>
 *   <li>the platform token signed by the CPAK that the trust-anchor store holds for its implementation id and
 *       instance id;</li>
 *   <li>the realm token signed by the RAK it carries (claim 44237);</li>
 *   <li>the platform challenge equal to H(RAK), so the platform vouches for this realm's key;</li>
 *   <li>the realm challenge equal to the expected report data regularized to 64 bytes (Trustee regularize_data);</li>
 *   <li>the personalization value equal to the init-data digest regularized to 64 bytes;</li>
 *   <li>platform sw-components and configuration, then realm RIM, REMs, personalization value and RAK hash algorithm
 *       affirmed by the reference-value store.</li>
 * </ol>
 * Thread-safe: the stores are immutable.
 */
public final class CcaTokenVerifier {

    private final TrustAnchorStore trustAnchors;
    private final ReferenceValueStore referenceValues;

    public CcaTokenVerifier(TrustAnchorStore trustAnchors, ReferenceValueStore referenceValues) {
        this.trustAnchors = Objects.requireNonNull(trustAnchors, "trustAnchors");
        this.referenceValues = Objects.requireNonNull(referenceValues, "referenceValues");
    }

    public VerifiedCcaToken verify(byte[] tokenBytes, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest) throws CcaVerificationException {
        CcaToken token = CcaToken.parse(tokenBytes);
        PlatformClaims platform = token.platformClaims();
        RealmClaims realm = token.realmClaims();

        ECPublicKey cpak = trustAnchors.cpak(platform.implementationId(), platform.instanceId())
                .orElseThrow(() -> new CcaVerificationException(Reason.UNKNOWN_PLATFORM,
                        "no CPAK in the trust-anchor store for implementation id "
                                + Hex.of(platform.implementationId()) + " and instance id "
                                + Hex.of(platform.instanceId())));
        if (!token.platform().verifiedBy(cpak)) {
            throw new CcaVerificationException(Reason.PLATFORM_SIGNATURE,
                    "the platform token's signature does not verify with the platform's CPAK");
        }
        PublicKey rak = RealmAttestationKey.decode(realm.publicKey());
        if (!token.realm().verifiedBy(rak)) {
            throw new CcaVerificationException(Reason.REALM_SIGNATURE,
                    "the realm token's signature does not verify with its realm attestation key");
        }
        byte[] rakHash = RealmAttestationKey.digest(realm.publicKey(), realm.publicKeyHashAlgorithm());
        if (!MessageDigest.isEqual(rakHash, platform.challenge())) {
            throw new CcaVerificationException(Reason.RAK_BINDING,
                    "the platform challenge is not the hash of the realm attestation key");
        }
        if (expectedReportData.isPresent() && !MessageDigest.isEqual(
                Arrays.copyOf(expectedReportData.get(), RealmClaims.CHALLENGE_LENGTH), realm.challenge())) {
            throw new CcaVerificationException(Reason.CHALLENGE_MISMATCH,
                    "the realm challenge does not match the expected report data");
        }
        if (expectedInitDataDigest.isPresent() && !MessageDigest.isEqual(
                Arrays.copyOf(expectedInitDataDigest.get(), RealmClaims.CHALLENGE_LENGTH),
                realm.personalizationValue())) {
            throw new CcaVerificationException(Reason.INIT_DATA_MISMATCH,
                    "the realm personalization value does not match the init-data digest");
        }
        Optional<String> platformMismatch = referenceValues.platformMismatch(platform);
        if (platformMismatch.isPresent()) {
            throw new CcaVerificationException(Reason.PLATFORM_REFERENCE_VALUES, platformMismatch.get());
        }
        Optional<String> realmMismatch = referenceValues.realmMismatch(realm);
        if (realmMismatch.isPresent()) {
            throw new CcaVerificationException(Reason.REALM_REFERENCE_VALUES, realmMismatch.get());
        }
        return new VerifiedCcaToken(token);
    }
}
