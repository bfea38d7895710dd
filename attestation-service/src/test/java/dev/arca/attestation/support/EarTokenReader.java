package dev.arca.attestation.support;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import tools.jackson.databind.JsonNode;

/**
 * Reads an EAR token as a relying party would, independently of the AS code: the key comes from the published JWKS
 * and is picked by the header's {@code kid}; the signature must verify before the payload is read.
 */
public final class EarTokenReader {

    /** A verified token. */
    public record VerifiedToken(JWSObject jws, JsonNode claims) {

        public JsonNode submod(String name) {
            return claims.path("submods").path(name);
        }
    }

    private EarTokenReader() {
    }

    public static VerifiedToken verify(String token, String jwksJson) throws Exception {
        JWSObject jws = JWSObject.parse(token);
        JWKSet jwks = JWKSet.parse(jwksJson);
        JWK key = jwks.getKeyByKeyId(jws.getHeader().getKeyID());
        if (key == null) {
            throw new AssertionError("no JWKS key with kid " + jws.getHeader().getKeyID());
        }
        if (!jws.verify(new ECDSAVerifier((ECKey) key))) {
            throw new AssertionError("EAR signature does not verify with the published key");
        }
        return new VerifiedToken(jws, Requests.JSON.readTree(jws.getPayload().toString()));
    }
}
