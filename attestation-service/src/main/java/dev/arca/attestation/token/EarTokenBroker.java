package dev.arca.attestation.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import dev.arca.attestation.config.AsProperties;
import dev.arca.model.ear.EarClaims;
import dev.arca.model.keys.BouncyCastleKeys;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signs EAR tokens (Trustee attestation_token.md, docs/architecture.md "Token"): a compact JWS, ES256, header
 * {@code typ JWT}, {@code kid} (RFC 7638 thumbprint) and the public {@code jwk} (with {@code x5c} when a certificate
 * chain is configured); claims {@code eat_profile, iat, ear.verifier-id, submods, exp, iss}. Each submod holds
 * {@code ear.status}, {@code ear.trustworthiness-vector} (the categories the policy set), {@code
 * ear.appraisal-policy-id}, {@code ear.veraison.annotated-evidence} (left out when empty) and the policy's
 * extensions by name. {@code iat} and {@code exp} always come from the clock, also when evidence was verified "as
 * of" another instant. The payload is written with Jackson, so JSON nulls in the annotated evidence (e.g.
 * {@code runtime_data_claims: null} for raw runtime data) survive exactly.
 */
@Component
public class EarTokenBroker {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Base64.Encoder PAYLOAD = Base64.getUrlEncoder().withoutPadding();

    private final ECDSASigner signer;
    /** The protected header: the same for every token of this key (it tells the signer the algorithm). */
    private final JWSHeader header;
    /**
     * {@code BASE64URL(header) '.'}, the start of every token's signing input, serialised once: the header holds the
     * public JWK (and with a certificate chain its {@code x5c}), which Nimbus would otherwise write for every token.
     */
    private final byte[] headerPart;
    private final AsProperties.Token config;
    private final VerifierIdentity verifierId;
    private final Clock clock;
    private final JsonMapper json;

    public EarTokenBroker(TokenSigningKey key, AsProperties properties, VerifierIdentity verifierId, Clock clock,
            JsonMapper json) throws JOSEException {
        this.header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT)
                .keyID(key.keyId())
                .jwk(key.publicJwk())
                .build();
        this.headerPart = (header.toBase64URL() + ".").getBytes(StandardCharsets.US_ASCII);
        // Bouncy Castle's ECDSA is several times faster than the JDK's (SignatureFloorBenchmark, docs/performance.md),
        // and only on its own copy of the key does it keep the precomputed base point between signatures
        this.signer = new ECDSASigner((ECPrivateKey) BouncyCastleKeys.privateKey(key.jwk().toECPrivateKey()));
        this.signer.getJCAContext().setProvider(BouncyCastleKeys.PROVIDER);
        this.config = properties.token();
        this.verifierId = verifierId;
        this.clock = clock;
        this.json = json;
    }

    public String issue(List<Appraisal> appraisals) {
        if (appraisals.isEmpty()) {
            throw new IllegalArgumentException("an EAR needs at least one submod");
        }
        Instant now = clock.instant();
        ObjectNode claims = NODES.objectNode();
        claims.put(EarClaims.EAT_PROFILE, config.profile());
        claims.put("iat", now.getEpochSecond());
        ObjectNode verifier = claims.putObject(EarClaims.VERIFIER_ID);
        verifier.put("developer", verifierId.developer());
        verifier.put("build", verifierId.build());
        claims.set(EarClaims.SUBMODS, submods(appraisals));
        claims.put("exp", now.plus(config.lifetime()).getEpochSecond());
        claims.put("iss", config.issuer());
        return sign(claims);
    }

    /** Submods are named {@code <class><n>}, n counting from 0 per class in request order. */
    private static ObjectNode submods(List<Appraisal> appraisals) {
        ObjectNode submods = NODES.objectNode();
        Map<String, Integer> perClass = new HashMap<>();
        for (Appraisal appraisal : appraisals) {
            int n = perClass.merge(appraisal.deviceClass(), 1, Integer::sum) - 1;
            ObjectNode submod = submods.putObject(appraisal.deviceClass() + n);
            submod.put(EarClaims.STATUS, appraisal.trustVector().status().wireName());
            ObjectNode vector = submod.putObject(EarClaims.TRUST_VECTOR);
            appraisal.trustVector().byName().forEach(vector::put);
            submod.put(EarClaims.POLICY_ID, appraisal.policyId());
            if (!appraisal.annotatedEvidence().isEmpty()) {
                submod.set(EarClaims.ANNOTATED_EVIDENCE, appraisal.annotatedEvidence());
            }
            appraisal.extensions().forEach(submod::set);
        }
        return submods;
    }

    /**
     * The compact JWS (RFC 7515 §7.1), byte for byte as Nimbus's {@code JWSObject} serialises it and signed by
     * Nimbus's signer, but with the header encoded once per key (above) and the payload base64url-encoded by the JDK's
     * encoder, some 90 times faster than Nimbus's own codec (TokenEncodingCost): a TDX token's payload carries the
     * whole parsed quote, about 3 KB of JSON.
     */
    private String sign(ObjectNode claims) {
        byte[] payload = PAYLOAD.encode(json.writeValueAsBytes(claims));
        byte[] signingInput = Arrays.copyOf(headerPart, headerPart.length + payload.length);
        System.arraycopy(payload, 0, signingInput, headerPart.length, payload.length);
        Base64URL signature;
        try {
            signature = signer.sign(header, signingInput);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the EAR token", e);
        }
        return new String(signingInput, StandardCharsets.US_ASCII) + '.' + signature;
    }
}
