package dev.arca.attestation.verifier.cca;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.arca.attestation.verifier.Binding;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.model.json.Hex;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Veraison's attestation result for a CCA token: an EAR JWT (draft-ietf-rats-ear) signed with the verifier's key. It
 * is accepted only when its signature verifies with the configured key, it is not expired, its {@code eat_nonce}
 * (base64url) equals the session nonce, the platform submod {@code CCA_SSD_PLATFORM} is {@code affirming} (Veraison
 * found the CPAK and the platform's reference values, as the local mode's stores do) and the realm submod
 * {@code CCA_REALM} is not {@code contraindicated}. The claims are read from the submods' annotated evidence, which
 * Veraison writes with the same kebab-case names and base64 values as upstream's claims (Trustee cca verifier), so
 * they come out as the local mode's ({@link CcaClaims}).
 */
final class VeraisonEar {

    static final String PLATFORM = "CCA_SSD_PLATFORM";
    static final String REALM = "CCA_REALM";
    private static final String ANNOTATED = "ear.veraison.annotated-evidence";
    private static final int REALM_FIELD = 64;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JsonMapper json;

    /** @param verifierKey Veraison's public EAR key; its algorithm follows from the key (ES256 for Veraison's P-256) */
    VeraisonEar(JWK verifierKey, JsonMapper json) {
        this.json = json;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms(verifierKey),
                new ImmutableJWKSet<>(new JWKSet(verifierKey.toPublicJWK()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("eat_nonce", "iat", "submods")));
    }

    private static Set<JWSAlgorithm> algorithms(JWK key) {
        if (key.getAlgorithm() != null) {
            return Set.of(JWSAlgorithm.parse(key.getAlgorithm().getName()));
        }
        if (key.getKeyType() == KeyType.EC) {
            Curve curve = ((ECKey) key).getCurve();
            return Set.of(Curve.P_384.equals(curve) ? JWSAlgorithm.ES384
                    : Curve.P_521.equals(curve) ? JWSAlgorithm.ES512 : JWSAlgorithm.ES256);
        }
        if (key.getKeyType() == KeyType.RSA) {
            return Set.of(JWSAlgorithm.PS256, JWSAlgorithm.RS256);
        }
        throw new IllegalArgumentException("unsupported Veraison key type " + key.getKeyType());
    }

    ObjectNode claims(String ear, byte[] nonce, Optional<byte[]> expectedInitDataDigest)
            throws VerificationException {
        JWTClaimsSet set;
        try {
            set = processor.process(SignedJWT.parse(ear), null);
        } catch (ParseException e) {
            throw VeraisonSession.unusable("Veraison's attestation result is not a signed JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw new VerificationException(Failure.UNTRUSTED_CHAIN, "Veraison's attestation result is not valid"
                    + " under the configured verifier key (arca.as.cca.remote.verifier-key): " + e.getMessage(), e);
        }
        JsonNode payload = json.valueToTree(set.toJSONObject());
        if (!MessageDigest.isEqual(nonce, base64Url(payload.path("eat_nonce").asString("")))) {
            throw new VerificationException(Failure.REPORT_DATA_MISMATCH,
                    "Veraison's attestation result is for another nonce than the expected report data");
        }
        JsonNode platform = submod(payload, PLATFORM);
        JsonNode realm = submod(payload, REALM);
        String platformStatus = platform.path("ear.status").asString("");
        String realmStatus = realm.path("ear.status").asString("");
        if (!"affirming".equals(platformStatus)) {
            throw new VerificationException(Failure.TCB_REJECTED, "Veraison did not affirm the CCA platform (status '"
                    + platformStatus + "', trust vector " + platform.path("ear.trustworthiness-vector") + ")");
        }
        if ("contraindicated".equals(realmStatus) || realmStatus.isEmpty()) {
            throw new VerificationException(Failure.TCB_REJECTED, "Veraison rejected the CCA realm (status '"
                    + realmStatus + "', trust vector " + realm.path("ear.trustworthiness-vector") + ")");
        }
        return map(annotated(platform, PLATFORM), annotated(realm, REALM), nonce, expectedInitDataDigest);
    }

    private static ObjectNode map(ObjectNode platform, ObjectNode realm, byte[] nonce,
            Optional<byte[]> expectedInitDataDigest) throws VerificationException {
        byte[] challenge = bytes(realm, "cca-realm-challenge");
        byte[] personalization = bytes(realm, "cca-realm-personalization-value");
        if (!MessageDigest.isEqual(Binding.regularize(nonce, REALM_FIELD), challenge)) {
            throw new VerificationException(Failure.REPORT_DATA_MISMATCH,
                    "the realm challenge Veraison reports does not match the expected report data");
        }
        if (expectedInitDataDigest.isPresent() && !MessageDigest.isEqual(
                Binding.regularize(expectedInitDataDigest.get(), REALM_FIELD), personalization)) {
            throw new VerificationException(Failure.INIT_DATA_MISMATCH,
                    "the realm personalization value does not match the init-data digest");
        }
        for (String required : new String[] {"cca-realm-initial-measurement", "cca-realm-hash-algo-id",
                "cca-realm-extensible-measurements"}) {
            if (!realm.has(required)) {
                throw VeraisonSession.unusable("Veraison's realm claims lack " + required);
            }
        }
        for (String required : new String[] {"cca-platform-instance-id", "cca-platform-implementation-id"}) {
            if (!platform.path(required).isString()) {
                throw VeraisonSession.unusable("Veraison's platform claims lack " + required);
            }
        }
        ObjectNode claims = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        claims.set("realm", realm);
        claims.set("platform", platform);
        claims.put("report_data", Hex.of(challenge));
        claims.put("init_data", Hex.of(personalization));
        return claims;
    }

    private static JsonNode submod(JsonNode payload, String name) throws VerificationException {
        JsonNode submod = payload.path("submods").path(name);
        if (!submod.isObject()) {
            throw VeraisonSession.unusable("Veraison's attestation result has no " + name + " submod");
        }
        return submod;
    }

    private static ObjectNode annotated(JsonNode submod, String name) throws VerificationException {
        JsonNode evidence = submod.get(ANNOTATED);
        if (evidence == null || !evidence.isObject()) {
            throw VeraisonSession.unusable("Veraison's " + name + " submod carries no annotated evidence");
        }
        return (ObjectNode) evidence.deepCopy();
    }

    private static byte[] bytes(ObjectNode claims, String name) throws VerificationException {
        JsonNode value = claims.get(name);
        try {
            if (value != null && value.isString()) {
                return Base64.getDecoder().decode(value.stringValue());
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw VeraisonSession.unusable("Veraison's realm claims lack a base64 " + name);
    }

    private static byte[] base64Url(String text) {
        try {
            return Base64.getUrlDecoder().decode(text.replace("=", ""));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
