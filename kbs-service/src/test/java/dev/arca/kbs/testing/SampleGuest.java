package dev.arca.kbs.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.json.ReportData;
import dev.arca.model.kbs.JweResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a guest's attestation agent does with the sample attester (guest-components kbs_protocol; guest-components
 * sample attester): an ephemeral key, runtime data bound into sample evidence by H(JCS(runtime data)), and independent
 * JWE decryption with Nimbus.
 */
public final class SampleGuest {

    public enum KeyKind { P256, P521, RSA_OAEP_256, RSA1_5 }

    private final KeyPair keyPair;
    private final ObjectNode teePubkey;

    private SampleGuest(KeyPair keyPair, ObjectNode teePubkey) {
        this.keyPair = keyPair;
        this.teePubkey = teePubkey;
    }

    public static SampleGuest create(KeyKind kind) {
        try {
            ObjectNode jwk = Json.MAPPER.createObjectNode();
            if (kind == KeyKind.RSA_OAEP_256 || kind == KeyKind.RSA1_5) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                RSAKey rsa = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).build();
                jwk.put("kty", "RSA");
                jwk.put("alg", kind == KeyKind.RSA1_5 ? "RSA1_5" : "RSA-OAEP-256");
                jwk.put("n", rsa.getModulus().toString());
                jwk.put("e", rsa.getPublicExponent().toString());
                return new SampleGuest(pair, jwk);
            }
            Curve curve = kind == KeyKind.P256 ? Curve.P_256 : Curve.P_521;
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve.getStdName()));
            KeyPair pair = generator.generateKeyPair();
            ECKey ec = new ECKey.Builder(curve, (ECPublicKey) pair.getPublic()).build();
            jwk.put("kty", "EC");
            jwk.put("crv", curve.getName());
            jwk.put("alg", "ECDH-ES+A256KW");
            jwk.put("x", ec.getX().toString());
            jwk.put("y", ec.getY().toString());
            return new SampleGuest(pair, jwk);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public ObjectNode teePubkey() {
        return teePubkey.deepCopy();
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** Sample evidence {svn, report_data = std-base64(H(JCS(runtime data)))} (guest-components sample attester). */
    public static ObjectNode sampleEvidence(String svn, ObjectNode runtimeData, HashAlgorithm hash) {
        ObjectNode evidence = Json.MAPPER.createObjectNode();
        evidence.put("svn", svn);
        evidence.put("report_data", Base64s.std(ReportData.digest(runtimeData, hash)));
        return evidence;
    }

    /**
     * The Attestation body of protocol 0.4.0 (guest-components kbs_protocol); with {@code withDevice} a sampledevice
     * evidence bound to {nonce, tee-pubkey} travels as additional evidence.
     */
    public String attestation(String nonce, HashAlgorithm hash, boolean withDevice, String initDataToml) {
        String additional = "";
        if (withDevice) {
            ObjectNode deviceRuntime = Json.MAPPER.createObjectNode();
            deviceRuntime.put("nonce", nonce);
            deviceRuntime.set("tee-pubkey", teePubkey());
            ObjectNode devices = Json.MAPPER.createObjectNode();
            devices.set("sampledevice", sampleEvidence("2", deviceRuntime, hash));
            additional = Json.write(devices);
        }
        ObjectNode primaryRuntime = Json.MAPPER.createObjectNode();
        primaryRuntime.set("tee-pubkey", teePubkey());
        primaryRuntime.put("nonce", nonce);
        primaryRuntime.put("additional-evidence", additional);

        ObjectNode body = Json.MAPPER.createObjectNode();
        if (initDataToml != null) {
            ObjectNode init = body.putObject("init-data");
            init.put("format", "toml");
            init.put("body", initDataToml);
        }
        ObjectNode runtime = body.putObject("runtime-data");
        runtime.put("nonce", nonce);
        runtime.set("tee-pubkey", teePubkey());
        ObjectNode teeEvidence = body.putObject("tee-evidence");
        teeEvidence.set("primary_evidence", sampleEvidence("1", primaryRuntime, hash));
        teeEvidence.put("additional_evidence", additional);
        return Json.write(body);
    }

    /**
     * The Attestation body of an older protocol generation (older Trustee KBS protocol versions), bound to the session
     * nonce as that generation's guests bound it: {nonce, tee-pubkey} before 0.3.0; for 0.3.0 the composite
     * runtime-data objects.
     */
    public String legacyAttestation(String version, String nonce, boolean withDevice) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("tee-pubkey", teePubkey());
        if ("0.3.0".equals(version)) {
            String additional = "";
            if (withDevice) {
                ObjectNode deviceRuntime = Json.MAPPER.createObjectNode();
                deviceRuntime.put("nonce", nonce);
                deviceRuntime.set("tee-pubkey", teePubkey());
                ObjectNode devices = Json.MAPPER.createObjectNode();
                devices.set("sampledevice", sampleEvidence("2", deviceRuntime, HashAlgorithm.SHA384));
                additional = Json.write(devices);
            }
            ObjectNode primaryRuntime = Json.MAPPER.createObjectNode();
            primaryRuntime.put("additional-evidence", additional);
            primaryRuntime.put("nonce", nonce);
            primaryRuntime.set("tee-pubkey", teePubkey());
            ObjectNode evidence = body.putObject("tee-evidence");
            evidence.set("primary_evidence", sampleEvidence("1", primaryRuntime, HashAlgorithm.SHA384));
            evidence.put("additional_evidence", additional);
            return Json.write(body);
        }
        ObjectNode runtime = Json.MAPPER.createObjectNode();
        runtime.put("nonce", nonce);
        runtime.set("tee-pubkey", teePubkey());
        ObjectNode evidence = sampleEvidence("1", runtime, HashAlgorithm.SHA384);
        if ("0.1.0".equals(version)) {
            body.put("tee-evidence", Json.write(evidence));
        } else {
            body.set("tee-evidence", evidence);
        }
        return Json.write(body);
    }

    /**
     * Decrypts the pre-0.2.0 JWE by hand as 0.1.x guests did (the Trustee KBS protocol before 0.2.0): RSA1_5 unwrap of
     * the CEK, then AES-256-GCM with no AAD over ciphertext‖tag; the protected member is raw JSON text and the tag
     * member empty.
     */
    public byte[] decryptLegacy(JweResponse response) {
        tools.jackson.databind.JsonNode header = Json.tree(response.protectedHeader());
        if (!"RSA1_5".equals(header.path("alg").asString()) || !"A256GCM".equals(header.path("enc").asString())
                || !response.tag().isEmpty()) {
            throw new AssertionError("not a legacy JWE: " + Json.write(response));
        }
        try {
            javax.crypto.Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(javax.crypto.Cipher.DECRYPT_MODE, keyPair.getPrivate());
            byte[] cek = rsa.doFinal(Base64s.fromUrl(response.encryptedKey()));
            javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(cek, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, Base64s.fromUrl(response.iv())));
            return gcm.doFinal(Base64s.fromUrl(response.ciphertext()));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("legacy JWE decryption failed: " + e.getMessage(), e);
        }
    }

    /** Decrypts with Nimbus from the compact serialisation: an implementation independent of the KBS's. */
    public byte[] decrypt(JweResponse response) {
        String compact = String.join(".", response.protectedHeader(), response.encryptedKey(), response.iv(),
                response.ciphertext(), response.tag());
        try {
            JWEObject jwe = JWEObject.parse(compact);
            JWEDecrypter decrypter = keyPair.getPrivate() instanceof ECPrivateKey ec
                    ? new ECDHDecrypter(ec)
                    : new RSADecrypter(keyPair.getPrivate());
            jwe.decrypt(decrypter);
            return jwe.getPayload().toBytes();
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("independent JWE decryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * The protected header re-serialised as upstream guests do before computing the AAD (the JWE decryption of
     * guest-components' kbs_protocol): {@code alg}, {@code enc}, then the other members with keys sorted at every
     * level, compact.
     */
    public static String reserialiseLikeUpstream(String protectedHeader) {
        tools.jackson.databind.JsonNode header = Json.tree(
                new String(Base64s.fromUrl(protectedHeader), java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("alg", header.get("alg"));
        out.set("enc", header.get("enc"));
        header.propertyStream()
                .filter(e -> !e.getKey().equals("alg") && !e.getKey().equals("enc"))
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> out.set(e.getKey(), sorted(e.getValue())));
        return Base64s.url(Json.write(out).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static tools.jackson.databind.JsonNode sorted(tools.jackson.databind.JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        node.propertyStream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> out.set(e.getKey(), sorted(e.getValue())));
        return out;
    }
}
