package dev.arca.attestation.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The ES256 key that signs EAR tokens, as a JWK whose {@code kid} is its RFC 7638 thumbprint
 * (docs/architecture.md "Token").
 */
public final class TokenSigningKey {

    private final ECKey jwk;

    private TokenSigningKey(ECKey jwk) {
        this.jwk = jwk;
    }

    public static TokenSigningKey of(KeyPair pair) {
        if (!(pair.getPublic() instanceof ECPublicKey pub) || !(pair.getPrivate() instanceof ECPrivateKey priv)) {
            throw new IllegalArgumentException("the token signing key must be an EC key");
        }
        if (pub.getParams().getCurve().getField().getFieldSize() != 256
                || !Curve.P_256.equals(Curve.forECParameterSpec(pub.getParams()))) {
            throw new IllegalArgumentException("only P-256 token signing keys are supported (ES256)");
        }
        try {
            ECKey jwk = new ECKey.Builder(Curve.P_256, pub)
                    .privateKey(priv)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint()
                    .build();
            return new TokenSigningKey(jwk);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the key's thumbprint", e);
        }
    }

    /** A PKCS#8 file holds only the private scalar for certain; the public point is d·G on P-256. */
    public static TokenSigningKey of(ECPrivateKey priv) {
        if (!Curve.P_256.equals(Curve.forECParameterSpec(priv.getParams()))) {
            throw new IllegalArgumentException("only P-256 token signing keys are supported (ES256)");
        }
        ECNamedCurveParameterSpec p256 = ECNamedCurveTable.getParameterSpec("secp256r1");
        org.bouncycastle.math.ec.ECPoint q = new FixedPointCombMultiplier().multiply(p256.getG(), priv.getS())
                .normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        try {
            ECPublicKey pub = (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(w, priv.getParams()));
            return of(new KeyPair(pub, priv));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public token key", e);
        }
    }

    /** Private and public parts, for signing. */
    public ECKey jwk() {
        return jwk;
    }

    /** The public JWK with kid, alg and use, as published in the JWKS and the token header. */
    public ECKey publicJwk() {
        return jwk.toPublicJWK();
    }

    public String keyId() {
        return jwk.getKeyID();
    }
}
