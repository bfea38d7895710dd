package dev.arca.kbs.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import dev.arca.model.admin.VerificationKey;
import java.security.PublicKey;
import java.util.Set;

/**
 * A key that may verify a token, with the JWS algorithms it may verify and where it came from (for logs). The
 * key-to-algorithm rules (Trustee attestation_token_verification.md) live in common-model's {@link VerificationKey},
 * shared with the admin token verifier.
 */
public record SignatureKeys(Set<JWSAlgorithm> algorithms, JWSVerifier verifier, String origin) {

    /** A JWK from a trusted set (or, in insecure mode, the header): its {@code alg}, or the one its curve implies. */
    public static SignatureKeys of(JWK key, String origin) throws JOSEException {
        return from(VerificationKey.of(key), origin);
    }

    /** The signer key of a validated certificate chain: every algorithm its key type allows. */
    public static SignatureKeys of(PublicKey key, String origin) throws JOSEException {
        return from(VerificationKey.of(key), origin);
    }

    private static SignatureKeys from(VerificationKey key, String origin) {
        return new SignatureKeys(key.algorithms(), key.verifier(), origin);
    }
}
