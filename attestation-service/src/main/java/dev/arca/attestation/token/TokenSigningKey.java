package dev.arca.attestation.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The ES256 key that signs EAR tokens, as a JWK whose {@code kid} is its RFC 7638 thumbprint
 * (docs/architecture.md "Token").
 */
public final class TokenSigningKey {

    private final ECKey jwk;
    private final List<X509Certificate> certificateChain;

    private TokenSigningKey(ECKey jwk, List<X509Certificate> certificateChain) {
        this.jwk = jwk;
        this.certificateChain = List.copyOf(certificateChain);
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
            return new TokenSigningKey(jwk, List.of());
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
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public token key", e);
        }
    }

    /**
     * The same key with its certificate chain, published as the JWK's {@code x5c} (standard base64 DER, leaf first,
     * Trustee attestation_token.md) so relying parties can check the key against a root they trust. Refuses a chain
     * whose first certificate is not for this key, or whose certificates are not each issued by the next.
     */
    public TokenSigningKey withCertificateChain(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the token certificate chain is empty");
        }
        if (!Arrays.equals(chain.getFirst().getPublicKey().getEncoded(), publicKeyBytes())) {
            throw new IllegalArgumentException("the first certificate of the token certificate chain ("
                    + chain.getFirst().getSubjectX500Principal().getName()
                    + ") is not for the token signing key; the chain must start with the key's own certificate");
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("certificate " + i + " of the token certificate chain is not "
                        + "issued by certificate " + (i + 1) + " (the chain must be in order, leaf first)", e);
            }
        }
        List<Base64> x5c = new ArrayList<>();
        try {
            for (X509Certificate certificate : chain) {
                x5c.add(Base64.encode(certificate.getEncoded()));
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the token certificate chain", e);
        }
        return new TokenSigningKey(new ECKey.Builder(jwk).x509CertChain(x5c).build(), chain);
    }

    /** The configured certificate chain, leaf first; empty when none. */
    public List<X509Certificate> certificateChain() {
        return certificateChain;
    }

    private byte[] publicKeyBytes() {
        try {
            return jwk.toECPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Private and public parts, for signing. */
    public ECKey jwk() {
        return jwk;
    }

    /** The public JWK with kid, alg, use and (when configured) x5c, as published in the JWKS and token header. */
    public ECKey publicJwk() {
        return jwk.toPublicJWK();
    }

    public String keyId() {
        return jwk.getKeyID();
    }
}
