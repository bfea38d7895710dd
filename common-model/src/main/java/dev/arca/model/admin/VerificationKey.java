package dev.arca.model.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

/**
 * A key that may verify a JWS, with the algorithms it may verify (Trustee attestation_token_verification.md: a JWK's
 * own {@code alg} decides and the header must name the same; a bare key allows the algorithms of its type). An Ed25519
 * key accepts both {@code EdDSA} (what upstream Trustee writes, RFC 8037) and {@code Ed25519} (RFC 9864, what Arca
 * signs with). Supported: ES256/384/512, RS256/384/512, PS256/384/512, EdDSA/Ed25519.
 */
public record VerificationKey(Set<JWSAlgorithm> algorithms, JWSVerifier verifier) {

    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Set<JWSAlgorithm> EDDSA = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    public VerificationKey {
        algorithms = Set.copyOf(algorithms);
    }

    /** A JWK from a trusted set: its {@code alg}, or the one its curve implies. */
    public static VerificationKey of(JWK key) throws JOSEException {
        Set<JWSAlgorithm> algorithms;
        if (key.getAlgorithm() != null) {
            algorithms = Set.of(JWSAlgorithm.parse(key.getAlgorithm().getName()));
        } else if (key instanceof ECKey ec) {
            algorithms = Set.of(ecAlgorithm(ec.getCurve()));
        } else if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            algorithms = EDDSA;
        } else {
            throw new JOSEException("key " + key.getKeyID() + " does not state its algorithm");
        }
        JWSVerifier verifier = switch (key) {
            case ECKey ec -> AdminJwk.verifier(ec.toECPublicKey());
            case RSAKey rsa -> new RSASSAVerifier(rsa);
            case OctetKeyPair okp when Curve.Ed25519.equals(okp.getCurve()) -> new Ed25519Verifier(okp);
            default -> throw new JOSEException("unsupported key type " + key.getKeyType());
        };
        return new VerificationKey(algorithms, verifier);
    }

    /** A PEM or certificate key: every algorithm its key type allows. */
    public static VerificationKey of(PublicKey key) throws JOSEException {
        Set<JWSAlgorithm> algorithms = switch (key) {
            case ECPublicKey ec -> Set.of(AdminJwk.algorithmFor(ec));
            case RSAPublicKey rsa -> RSA;
            case EdECPublicKey ed -> EDDSA;
            default -> throw new JOSEException("unsupported key type " + key.getAlgorithm());
        };
        return new VerificationKey(algorithms, AdminJwk.verifier(key));
    }

    private static JWSAlgorithm ecAlgorithm(Curve curve) throws JOSEException {
        if (Curve.P_256.equals(curve)) {
            return JWSAlgorithm.ES256;
        }
        if (Curve.P_384.equals(curve)) {
            return JWSAlgorithm.ES384;
        }
        if (Curve.P_521.equals(curve)) {
            return JWSAlgorithm.ES512;
        }
        throw new JOSEException("unsupported curve " + curve);
    }
}
