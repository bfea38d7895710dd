package dev.arca.agent.kbs;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

/**
 * PEM export and import of TEE keys in upstream's formats (guest-components kbs_protocol): the token a workload gets
 * from {@code /aa/token} comes with the private key it must decrypt resources with, and a token handed back to the
 * agent (bearer mode) needs the same key.
 */
final class TeeKeyPem {

    private static final String PKCS8 = "PRIVATE KEY";
    private static final String PKCS1 = "RSA PRIVATE KEY";

    private TeeKeyPem() {
    }

    static String export(TeeKeyPair pair) {
        byte[] pkcs8 = pair.privateKey() instanceof ECPrivateKey ec ? sunEcPkcs8(ec) : pair.privateKey().getEncoded();
        if (pair.algorithm().isRsa()) {
            try {
                byte[] pkcs1 = PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey().toASN1Primitive().getEncoded();
                return pem(PKCS1, pkcs1);
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode the RSA TEE key as PKCS#1", e);
            }
        }
        return pem(PKCS8, pkcs8);
    }

    /**
     * The PKCS#8 the JDK writes for an EC key (the curve in the algorithm identifier, SEC1 with the private scalar
     * only), whichever provider made the key: Bouncy Castle's own encoding repeats the curve and adds the public
     * point, and the exported key stays byte for byte what it was before the agent generated its keys with it.
     */
    private static byte[] sunEcPkcs8(ECPrivateKey key) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(key.getS(), key.getParams()))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the EC TEE key as PKCS#8", e);
        }
    }

    static TeeKeyPair importKey(String pem, TeeKeyAlgorithm rsaAlgorithm) {
        if (!rsaAlgorithm.isRsa()) {
            throw new IllegalArgumentException("rsaAlgorithm must be an RSA one");
        }
        try {
            if (pem.contains("-----BEGIN " + PKCS1 + "-----")) {
                RSAPrivateKey rsa = RSAPrivateKey.getInstance(body(pem, PKCS1));
                byte[] pkcs8 = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                        DERNull.INSTANCE), rsa).getEncoded();
                return rsaPair(pkcs8, rsaAlgorithm);
            }
            if (pem.contains("-----BEGIN " + PKCS8 + "-----")) {
                byte[] pkcs8 = body(pem, PKCS8);
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
                if (PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                    return rsaPair(pkcs8, rsaAlgorithm);
                }
                return ecPair(pkcs8);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not a usable TEE private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not a PEM PRIVATE KEY or RSA PRIVATE KEY");
    }

    private static TeeKeyPair rsaPair(byte[] pkcs8, TeeKeyAlgorithm algorithm) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        PublicKey publicKey = factory.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        return TeeKeyPair.of(algorithm, new KeyPair(publicKey, key));
    }

    /** The public point is recomputed as d·G, so a PKCS#8 without the optional public key imports too. */
    private static TeeKeyPair ecPair(byte[] pkcs8) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("EC");
        ECPrivateKey key = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        ECParameterSpec params = key.getParams();
        int bits = params.getCurve().getField().getFieldSize();
        TeeKeyAlgorithm algorithm = switch (bits) {
            case 256 -> TeeKeyAlgorithm.P256;
            case 521 -> TeeKeyAlgorithm.P521;
            default -> throw new IllegalArgumentException("EC TEE keys are P-256 or P-521, not a " + bits
                    + "-bit curve");
        };
        X9ECParameters curve = ECNamedCurveTable.getByName(bits == 256 ? "P-256" : "P-521");
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(key.getS()).normalize();
        PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(new ECPoint(
                q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), params));
        return TeeKeyPair.of(algorithm, new KeyPair(publicKey, key));
    }

    private static byte[] body(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("PEM " + label + " block is incomplete");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
