package dev.arca.attestation.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads an EAR token as a relying party would, with Nimbus's JWT processor and independently of the AS code: the
 * key comes from the published JWKS (picked by {@code kid}), only ES256 and {@code typ: JWT} are accepted, the
 * signature must verify, and {@code iat}, {@code exp} (not passed), {@code iss} and the EAR claims must be present.
 * The payload is then read as JSON, so nulls and number types are seen as sent.
 */
public final class EarTokenReader {

    /** A verified token. */
    public record VerifiedToken(JWSObject jws, JWTClaimsSet claimsSet, JsonNode claims) {

        public JsonNode submod(String name) {
            return claims.path("submods").path(name);
        }
    }

    private EarTokenReader() {
    }

    public static VerifiedToken verify(String token, String jwksJson) throws Exception {
        return verify(token, jwksJson, null);
    }

    /** @param issuer the expected {@code iss}, or null to accept any */
    public static VerifiedToken verify(String token, String jwksJson, String issuer) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(JWKSet.parse(jwksJson))));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (issuer != null) {
            exact.issuer(issuer);
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(exact.build(),
                Set.of("iat", "exp", "iss", "eat_profile", "ear.verifier-id", "submods")));
        JWTClaimsSet claims = processor.process(token, null);
        JWSObject jws = JWSObject.parse(token);
        return new VerifiedToken(jws, claims, Requests.JSON.readTree(jws.getPayload().toString()));
    }
}
