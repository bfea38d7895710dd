package dev.arca.attestation.verifier.nvidia;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.model.admin.JwkSetCache;
import dev.arca.model.json.Hex;
import java.security.Key;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * NRAS's answer for one device (Trustee nvidia verifier, remote mode): {@code [["JWT", <overall JWT>], {"<submod>":
 * <device JWT>}]}. Both JWTs must be ES384, signed by a key of NRAS's JWK set found by {@code kid}, and carry
 * {@code exp}, {@code iat}, {@code nbf} and {@code iss} (not expired, not before their time). The claims are the device
 * JWT's payload plus the overall JWT's {@code x-nvidia-overall-att-result}, as upstream; the device's
 * {@code x-nvidia-<gpu|switch>-attestation-report-nonce-match} must be true, and an {@code eat_nonce} in the overall
 * JWT must be the nonce sent.
 */
final class NrasResult {

    private static final Set<String> REQUIRED = Set.of("exp", "iat", "nbf", "iss");

    private final JwkSetCache keys;
    private final JsonMapper json;

    NrasResult(JwkSetCache keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** @param deviceType {@code gpu} or {@code switch}, which names the nonce-match claim */
    ObjectNode claims(String answer, String deviceType, byte[] nonce) throws VerificationException {
        JsonNode root;
        try {
            root = json.readTree(answer);
        } catch (JacksonException e) {
            throw unusable("NRAS's answer is not JSON");
        }
        if (root == null || !root.isArray() || root.size() != 2 || !root.get(0).isArray() || root.get(0).size() != 2
                || !root.get(0).get(1).isString() || !root.get(1).isObject() || root.get(1).size() != 1) {
            throw unusable("NRAS's answer is not [[\"JWT\", <overall JWT>], {<submod>: <device JWT>}]");
        }
        JsonNode deviceToken = root.get(1).iterator().next();
        if (!deviceToken.isString()) {
            throw unusable("NRAS's device result is not a JWT string");
        }
        ObjectNode overall = verified(root.get(0).get(1).stringValue(), "overall");
        ObjectNode device = verified(deviceToken.stringValue(), "device");

        String sent = Hex.of(nonce);
        JsonNode eatNonce = overall.get("eat_nonce");
        if (eatNonce != null && !sent.equals(eatNonce.asString("").toLowerCase(Locale.ROOT))) {
            throw new VerificationException(Failure.REPORT_DATA_MISMATCH,
                    "NRAS's result is for another nonce than the expected report data");
        }
        String nonceMatch = "x-nvidia-" + deviceType + "-attestation-report-nonce-match";
        JsonNode matched = device.get(nonceMatch);
        if (matched == null || !matched.isBoolean()) {
            throw unusable("NRAS's device result lacks " + nonceMatch);
        }
        if (!matched.booleanValue()) {
            throw new VerificationException(Failure.REPORT_DATA_MISMATCH,
                    "report data mismatch: NRAS found another nonce in the " + deviceType + " report");
        }
        JsonNode result = overall.get("x-nvidia-overall-att-result");
        if (result != null) {
            device.set("x-nvidia-overall-att-result", result);
        }
        return device;
    }

    private ObjectNode verified(String token, String which) throws VerificationException {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw unusable("NRAS's " + which + " result is not a signed JWT");
        }
        if (!JWSAlgorithm.ES384.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
            throw untrusted("NRAS's " + which + " result is not an ES384 JWT with a kid");
        }
        String kid = jwt.getHeader().getKeyID();
        Optional<JWK> key = keys.key(kid);
        if (key.isEmpty()) {
            throw keys.loaded() ? untrusted("NRAS's " + which + " result is signed with the unknown key '"
                    + kid.replaceAll("[^\\x20-\\x7e]", "?") + "'")
                    : new VerificationException(Failure.COLLATERAL_UNAVAILABLE, "NRAS's signing keys could not be"
                            + " fetched from " + keys.name());
        }
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            Key publicKey = ((AsymmetricJWK) key.get()).toPublicKey();
            processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.ES384, publicKey));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, REQUIRED));
            JWTClaimsSet claims = processor.process(jwt, null);
            return (ObjectNode) json.valueToTree(claims.toJSONObject());
        } catch (BadJOSEException | JOSEException | ClassCastException e) {
            throw untrusted("NRAS's " + which + " result does not verify: " + e.getMessage());
        }
    }

    private static VerificationException untrusted(String reason) {
        return new VerificationException(Failure.UNTRUSTED_CHAIN, reason);
    }

    private static VerificationException unusable(String reason) {
        return new VerificationException(Failure.COLLATERAL_UNAVAILABLE, reason);
    }
}
