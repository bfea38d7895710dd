package dev.arca.agent.image;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWEObjectJSON;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import tools.jackson.databind.node.ObjectNode;

/**
 * ocicrypt's {@code jwe} key wrapper (containers/ocicrypt keywrap/jwe): the layer's private options encrypted to a
 * recipient's public key as a JWE in JSON serialization, A256GCM content encryption, RSA-OAEP for RSA keys and
 * ECDH-ES+A256KW for EC keys. The layer annotation {@code org.opencontainers.image.enc.keys.jwe} holds base64 of it
 * (several comma-separated, one per wrapping). With one recipient go-jose writes the flattened form, so Arca writes
 * that too: one JWE per recipient.
 */
public final class JweRecipients {

    public static final String ANNOTATION = "org.opencontainers.image.enc.keys.jwe";

    private JweRecipients() {
    }

    /** The {@code jwe} wrapper for one recipient. */
    public static LayerKeyWrap wrapperFor(PublicKey recipient) {
        return new LayerKeyWrap() {
            @Override
            public String annotation() {
                return ANNOTATION;
            }

            @Override
            public byte[] wrap(byte[] optsData) throws ImageException {
                return JweRecipients.wrap(optsData, recipient);
            }
        };
    }

    /** The {@code jwe} unwrapper holding one private key. */
    public static LayerKeyUnwrap unwrapperFor(PrivateKey key) {
        return new LayerKeyUnwrap() {
            @Override
            public String annotation() {
                return ANNOTATION;
            }

            @Override
            public byte[] unwrap(byte[] annotation) throws ImageException {
                return JweRecipients.unwrap(annotation, key);
            }
        };
    }

    /** The flattened JWE JSON of {@code optsData} for one recipient. */
    public static byte[] wrap(byte[] optsData, PublicKey recipient) throws ImageException {
        try {
            JWEObject jwe;
            if (recipient instanceof RSAPublicKey rsa) {
                jwe = new JWEObject(new JWEHeader(JWEAlgorithm.RSA_OAEP, EncryptionMethod.A256GCM),
                        new Payload(optsData));
                jwe.encrypt(new RSAEncrypter(rsa));
            } else if (recipient instanceof ECPublicKey ec) {
                jwe = new JWEObject(new JWEHeader(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM),
                        new Payload(optsData));
                jwe.encrypt(new ECDHEncrypter(ec));
            } else {
                throw new ImageException("a JWE recipient key must be RSA or EC, not " + recipient.getAlgorithm());
            }
            // RFC 7516 §7.2.2: the compact parts become the flattened JSON members
            ObjectNode flattened = Json.MAPPER.createObjectNode();
            flattened.put("protected", jwe.getHeader().toBase64URL().toString());
            flattened.put("encrypted_key", jwe.getEncryptedKey().toString());
            flattened.put("iv", jwe.getIV().toString());
            flattened.put("ciphertext", jwe.getCipherText().toString());
            flattened.put("tag", jwe.getAuthTag().toString());
            return Json.writeBytes(flattened);
        } catch (JOSEException e) {
            throw new ImageException("cannot encrypt the layer options to the JWE recipient: " + e.getMessage(), e);
        }
    }

    /** The layer options from one JWE (flattened or general JSON), or null when {@code key} is no recipient. */
    public static byte[] unwrap(byte[] jweJson, PrivateKey key) throws ImageException {
        JWEObjectJSON jwe;
        try {
            jwe = JWEObjectJSON.parse(new String(jweJson, StandardCharsets.UTF_8));
        } catch (java.text.ParseException | RuntimeException e) {
            // Nimbus reports some malformed members (a bad header, a wrong type) as runtime exceptions
            throw new ImageException("the jwe annotation is not a JWE in JSON serialization: " + e.getMessage(), e);
        }
        try {
            JWEDecrypter decrypter = key instanceof ECPrivateKey ec ? new ECDHDecrypter(ec) : new RSADecrypter(key);
            jwe.decrypt(decrypter);
            return jwe.getPayload().toBytes();
        } catch (JOSEException | RuntimeException e) {
            // not encrypted to this key (or not decryptable by anyone): another unwrapper may hold the key
            return null;
        }
    }
}
