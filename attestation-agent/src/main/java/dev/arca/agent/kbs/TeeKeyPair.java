package dev.arca.agent.kbs;

import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import dev.arca.model.keys.BouncyCastleKeys;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import tools.jackson.databind.node.ObjectNode;

/**
 * The guest's ephemeral key pair, made once per client and reused for its re-handshakes (guest-components
 * kbs_protocol). The KBS encrypts resources to the public half, which the guest publishes as the {@code tee-pubkey}
 * JWK.
 */
public final class TeeKeyPair {

    private final TeeKeyAlgorithm algorithm;
    private final KeyPair keyPair;
    private final ObjectNode publicJwk;

    private TeeKeyPair(TeeKeyAlgorithm algorithm, KeyPair keyPair) {
        this.algorithm = algorithm;
        this.keyPair = keyPair;
        this.publicJwk = jwk(algorithm, keyPair.getPublic());
    }

    public static TeeKeyPair generate(TeeKeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = switch (algorithm) {
                case P256 -> ec("secp256r1");
                case P521 -> ec("secp521r1");
                case RSA, RSA1_5 -> {
                    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                    rsa.initialize(new RSAKeyGenParameterSpec(TeeKeyAlgorithm.RSA_BITS, RSAKeyGenParameterSpec.F4));
                    yield rsa;
                }
            };
            return new TeeKeyPair(algorithm, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm.configName() + " key", e);
        }
    }

    /** Wraps an existing key pair, checking that it is of the kind {@code algorithm} names. */
    public static TeeKeyPair of(TeeKeyAlgorithm algorithm, KeyPair keyPair) {
        int expected = switch (algorithm) {
            case P256 -> 256;
            case P521 -> 521;
            case RSA, RSA1_5 -> 0;
        };
        PublicKey key = keyPair.getPublic();
        boolean matches = algorithm.isRsa()
                ? key instanceof RSAPublicKey
                : key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == expected;
        if (!matches) {
            throw new IllegalArgumentException("key pair is not a " + algorithm.configName() + " key");
        }
        return new TeeKeyPair(algorithm, keyPair);
    }

    /**
     * Bouncy Castle, by curve name: its key objects then share the curve's precomputed base point, so a new key costs
     * one fixed-point multiplication from that table, about a third of the JDK provider's CPU (docs/performance.md,
     * "Third round"); the resource JWE is decrypted with Bouncy Castle on this key too ({@link ResourceDecryptor}).
     */
    private static KeyPairGenerator ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastleKeys.PROVIDER);
        generator.initialize(new ECGenParameterSpec(curve));
        return generator;
    }

    public TeeKeyAlgorithm algorithm() {
        return algorithm;
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** The tee-pubkey JWK (a copy: callers may not change what gets hashed into the report data). */
    public ObjectNode publicJwk() {
        return publicJwk.deepCopy();
    }

    /**
     * The private key as upstream's AA hands it out in {@code GetToken} (guest-components kbs_protocol): EC keys as
     * PKCS#8 {@code PRIVATE KEY}, RSA keys as PKCS#1 {@code RSA PRIVATE KEY}, LF line endings.
     */
    public String privateKeyPem() {
        return TeeKeyPem.export(this);
    }

    /**
     * Imports a key exported by {@link #privateKeyPem()} or by upstream's AA: PKCS#1 RSA first, then PKCS#8 EC (P-256,
     * P-521). {@code rsaAlgorithm} says how an RSA key is announced (RSA-OAEP-256 or RSA1_5).
     */
    public static TeeKeyPair fromPem(String pem, TeeKeyAlgorithm rsaAlgorithm) {
        return TeeKeyPem.importKey(pem, rsaAlgorithm);
    }

    /**
     * JWK members in the order of guest-components kbs_protocol. EC coordinates are fixed-length big-endian (32 bytes
     * for P-256, 66 for P-521, left zero-padded), because the KBS rejects other lengths; the RSA modulus has no leading
     * zeros.
     */
    private static ObjectNode jwk(TeeKeyAlgorithm algorithm, PublicKey key) {
        ObjectNode jwk = Json.MAPPER.createObjectNode();
        switch (key) {
            case ECPublicKey ec -> {
                int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
                jwk.put("kty", "EC");
                jwk.put("crv", algorithm == TeeKeyAlgorithm.P521 ? "P-521" : "P-256");
                jwk.put("alg", algorithm.jweAlgorithm());
                jwk.put("x", Base64s.url(fixedLength(ec.getW().getAffineX(), size)));
                jwk.put("y", Base64s.url(fixedLength(ec.getW().getAffineY(), size)));
            }
            case RSAPublicKey rsa -> {
                jwk.put("kty", "RSA");
                jwk.put("alg", algorithm.jweAlgorithm());
                jwk.put("n", Base64s.url(minimal(rsa.getModulus())));
                jwk.put("e", Base64s.url(minimal(rsa.getPublicExponent())));
            }
            default -> throw new IllegalArgumentException("unsupported TEE key " + key.getAlgorithm());
        }
        return jwk;
    }

    static byte[] fixedLength(BigInteger value, int length) {
        byte[] bytes = minimal(value);
        if (bytes.length > length) {
            throw new IllegalArgumentException("coordinate longer than " + length + " bytes");
        }
        byte[] out = new byte[length];
        System.arraycopy(bytes, 0, out, length - bytes.length, bytes.length);
        return out;
    }

    /** Unsigned big-endian bytes without leading zeros (BigInteger adds a sign byte when the top bit is set). */
    static byte[] minimal(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = 0;
        while (start < bytes.length - 1 && bytes[start] == 0) {
            start++;
        }
        return Arrays.copyOfRange(bytes, start, bytes.length);
    }
}
