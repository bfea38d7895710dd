package dev.arca.rvps.extractor.intoto;

import dev.arca.model.admin.PemKeys;
import dev.arca.model.json.Hex;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A public key as in-toto metadata describes it (in-toto spec §4.2.1): key type, signature scheme, the key, and its
 * key id, the lowercase hex SHA-256 of the canonical JSON of the public key object
 * {@code {keytype, scheme, keyid_hash_algorithms?, keyval: {public}}}.
 *
 * @param keyId     the key id
 * @param keyType   {@code rsa}, {@code ed25519} or {@code ecdsa} (also the older {@code ecdsa-sha2-nistp256/384})
 * @param scheme    the signature scheme, one of {@link #SCHEMES}
 * @param publicKey the JCA key
 */
public record InTotoKey(String keyId, String keyType, String scheme, PublicKey publicKey) {

    public static final String RSASSA_PSS_SHA256 = "rsassa-pss-sha256";
    public static final String ED25519 = "ed25519";
    public static final String ECDSA_P256 = "ecdsa-sha2-nistp256";
    public static final String ECDSA_P384 = "ecdsa-sha2-nistp384";
    public static final List<String> SCHEMES = List.of(RSASSA_PSS_SHA256, ED25519, ECDSA_P256, ECDSA_P384);

    /** The default of the securesystemslib versions that produced in-toto 0.9 metadata (and the vectors). */
    private static final List<String> KEYID_HASH_ALGORITHMS = List.of("sha256", "sha512");
    /** in-toto spec §4.2.1: "RSA keys must be at least 2048 bits". */
    private static final int MIN_RSA_BITS = 2048;
    /** RSASSA-PSS as in-toto implementations sign: MGF1 with the same hash, salt as long as the digest. */
    private static final PSSParameterSpec PSS_SHA256 =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, PSSParameterSpec.TRAILER_FIELD_BC);
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32 raw key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = Hex.parse("302a300506032b6570032100");

    /**
     * A key object of a layout's {@code keys} (or a securesystemslib JSON key file). Its key id is computed, and must
     * equal {@code declaredId} when one is given, so a layout cannot label one key with another key's id.
     *
     * @param declaredId the id the metadata files the key under, or {@code null}
     * @throws InTotoRefusedException when the key is malformed, unsupported or mislabelled
     */
    public static InTotoKey fromMetadata(String declaredId, JsonNode key) {
        String label = declaredId == null ? "key" : "key " + declaredId;
        String keyType = text(key, "keytype", label);
        String scheme = text(key, "scheme", label);
        String publicText = text(key.path("keyval"), "public", label + " keyval");
        if (!SCHEMES.contains(scheme)) {
            throw new InTotoRefusedException(label + " has the unsupported scheme \"" + scheme + "\"; supported: "
                    + SCHEMES);
        }
        PublicKey publicKey = switch (keyType) {
            case "rsa" -> rsa(publicText, scheme, label);
            case "ed25519" -> ed25519(publicText, scheme, label);
            case "ecdsa", ECDSA_P256, ECDSA_P384 -> ecdsa(publicText, scheme, label);
            default -> throw new InTotoRefusedException(label + " has the unsupported keytype \"" + keyType + "\"");
        };
        ObjectNode idObject = idObject(keyType, scheme, publicText);
        JsonNode algorithms = key.get("keyid_hash_algorithms");
        if (algorithms == null) {
            idObject.remove("keyid_hash_algorithms");
        } else {
            idObject.set("keyid_hash_algorithms", algorithms);
        }
        String keyId = sha256Hex(CanonicalJson.encode(idObject));
        if (declaredId != null && !declaredId.equals(keyId)) {
            throw new InTotoRefusedException(label + " does not match its key id (the key's id is " + keyId + ")");
        }
        return new InTotoKey(keyId, keyType, scheme, publicKey);
    }

    /**
     * A key from a PEM file, described as in-toto tooling describes the key it signs with: RSA as
     * {@code rsassa-pss-sha256}, EC P-256/P-384 as {@code ecdsa-sha2-nistp256/384}, Ed25519 as {@code ed25519}; PEM
     * re-encoded in the standard 64-column form, so the id does not depend on how the file was wrapped.
     */
    public static InTotoKey fromPublicKey(PublicKey key) {
        String publicText;
        String keyType;
        String scheme;
        if (key instanceof RSAPublicKey) {
            keyType = "rsa";
            scheme = RSASSA_PSS_SHA256;
            publicText = pemWithoutNewline(key);
        } else if (key instanceof ECPublicKey ec) {
            keyType = "ecdsa";
            scheme = curveScheme(ec, "trusted key");
            publicText = pemWithoutNewline(key);
        } else if (key instanceof EdECPublicKey) {
            keyType = "ed25519";
            scheme = ED25519;
            byte[] spki = key.getEncoded();
            publicText = Hex.of(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        } else {
            throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
        }
        return fromMetadata(null, idObject(keyType, scheme, publicText));
    }

    /** Whether {@code signature} is this key's valid signature of {@code data}; malformed signatures are invalid. */
    public boolean verifies(byte[] data, byte[] signature) {
        try {
            Signature verifier = switch (scheme) {
                case RSASSA_PSS_SHA256 -> {
                    Signature pss = Signature.getInstance("RSASSA-PSS");
                    pss.setParameter(PSS_SHA256);
                    yield pss;
                }
                case ED25519 -> Signature.getInstance("Ed25519");
                case ECDSA_P256 -> Signature.getInstance("SHA256withECDSA");
                case ECDSA_P384 -> Signature.getInstance("SHA384withECDSA");
                default -> throw new IllegalStateException("scheme checked at construction: " + scheme);
            };
            verifier.initVerify(publicKey);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            return false;
        }
    }

    private static ObjectNode idObject(String keyType, String scheme, String publicText) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("keytype", keyType);
        object.put("scheme", scheme);
        var algorithms = object.putArray("keyid_hash_algorithms");
        KEYID_HASH_ALGORITHMS.forEach(algorithms::add);
        object.putObject("keyval").put("public", publicText);
        return object;
    }

    private static PublicKey rsa(String pem, String scheme, String label) {
        if (!RSASSA_PSS_SHA256.equals(scheme)) {
            throw new InTotoRefusedException(label + ": an rsa key must use " + RSASSA_PSS_SHA256);
        }
        if (!(pemKey(pem, label) instanceof RSAPublicKey rsa)) {
            throw new InTotoRefusedException(label + " is declared rsa but is not an RSA key");
        }
        if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new InTotoRefusedException(label + " is an RSA key of " + rsa.getModulus().bitLength()
                    + " bits; at least " + MIN_RSA_BITS + " are required");
        }
        return rsa;
    }

    private static PublicKey ecdsa(String pem, String scheme, String label) {
        if (!(pemKey(pem, label) instanceof ECPublicKey ec)) {
            throw new InTotoRefusedException(label + " is declared ecdsa but is not an EC key");
        }
        if (!curveScheme(ec, label).equals(scheme)) {
            throw new InTotoRefusedException(label + ": its curve does not match the scheme " + scheme);
        }
        return ec;
    }

    private static PublicKey ed25519(String hex, String scheme, String label) {
        if (!ED25519.equals(scheme)) {
            throw new InTotoRefusedException(label + ": an ed25519 key must use the ed25519 scheme");
        }
        byte[] raw;
        try {
            raw = Hex.parse(hex);
        } catch (IllegalArgumentException e) {
            throw new InTotoRefusedException(label + ": the ed25519 public key is not hex");
        }
        if (raw.length != 32) {
            throw new InTotoRefusedException(label + ": an ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new InTotoRefusedException(label + ": not a valid ed25519 public key");
        }
    }

    private static String curveScheme(ECPublicKey key, String label) {
        return switch (key.getParams().getCurve().getField().getFieldSize()) {
            case 256 -> ECDSA_P256;
            case 384 -> ECDSA_P384;
            default -> throw new InTotoRefusedException(label + " is on an unsupported curve; P-256 and P-384 are");
        };
    }

    private static PublicKey pemKey(String pem, String label) {
        try {
            return PemKeys.parsePublicKeys(pem).getFirst();
        } catch (IllegalArgumentException e) {
            throw new InTotoRefusedException(label + ": the public key is not a PEM public key");
        }
    }

    private static String pemWithoutNewline(PublicKey key) {
        return PemKeys.toPem(key).strip();
    }

    private static String text(JsonNode object, String member, String label) {
        JsonNode value = object.get(member);
        if (value == null || !value.isString()) {
            throw new InTotoRefusedException(label + " lacks the string member \"" + member + "\"");
        }
        return value.stringValue();
    }

    static String sha256Hex(byte[] data) {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return keyType + "/" + scheme + " key " + keyId;
    }
}
