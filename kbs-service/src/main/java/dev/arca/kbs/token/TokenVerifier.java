package dev.arca.kbs.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.model.ear.EarClaims;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.TeePublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Verifies an attestation token on every use (specs/kbs.md §3.5): JWS signature by the AS key named by the header
 * {@code kid} in the AS's JWKS (a key carried in the token header itself is never trusted, §9 item 3), header
 * {@code alg} equal to the key's algorithm, {@code exp} required with leeway, and a usable {@code tee-pubkey}.
 */
@Component
public class TokenVerifier {

    /** Where the guest key sits: the EAR location, then the generic one (specs/kbs.md §3.5, pointers 5 and 6). */
    static final List<String> TEE_PUBKEY_POINTERS = List.of(EarClaims.TEE_PUBKEY_POINTER, "/tee-pubkey");

    private final JwksCache jwks;
    private final Clock clock;
    private final Duration leeway;

    public TokenVerifier(JwksCache jwks, Clock clock, KbsProperties properties) {
        this.jwks = jwks;
        this.clock = clock;
        this.leeway = properties.token().leeway();
    }

    public VerifiedToken verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claimsSet;
        try {
            jwt = SignedJWT.parse(token);
            claimsSet = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("the attestation token is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        String kid = header.getKeyID();
        if (kid == null || kid.isEmpty()) {
            throw invalid("the attestation token header has no kid");
        }
        JWK key = jwks.key(kid).orElseThrow(() -> invalid("the attestation token is signed by an unknown key"));
        JWSAlgorithm expected = algorithmOf(key);
        if (!expected.equals(header.getAlgorithm())) {
            throw invalid("the attestation token alg " + header.getAlgorithm()
                    + " does not match its key (" + expected + ")");
        }
        try {
            if (!jwt.verify(verifierFor(key))) {
                throw invalid("the attestation token signature is invalid");
            }
        } catch (JOSEException e) {
            throw invalid("the attestation token signature cannot be verified");
        }
        Instant expiresAt = checkLifetime(claimsSet);
        JsonNode claims = Json.tree(jwt.getPayload().toString());
        return new VerifiedToken(claims, teeKey(claims), expiresAt);
    }

    private Instant checkLifetime(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw invalid("the attestation token has no exp claim");
        }
        if (now.isAfter(exp.toInstant().plus(leeway))) {
            throw invalid("the attestation token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(leeway).isBefore(nbf.toInstant())) {
            throw invalid("the attestation token is not valid before " + nbf.toInstant());
        }
        return exp.toInstant();
    }

    private static TeePublicKey teeKey(JsonNode claims) {
        for (String pointer : TEE_PUBKEY_POINTERS) {
            JsonNode node = claims.at(pointer);
            if (!node.isMissingNode()) {
                try {
                    return TeePublicKey.parse(node);
                } catch (IllegalArgumentException e) {
                    throw invalid("the attestation token's tee-pubkey is unusable: " + e.getMessage());
                }
            }
        }
        throw invalid("the attestation token carries no tee-pubkey");
    }

    /** The JWK's own {@code alg}; for EC keys without one, the algorithm their curve implies. */
    private static JWSAlgorithm algorithmOf(JWK key) {
        if (key.getAlgorithm() != null) {
            return JWSAlgorithm.parse(key.getAlgorithm().getName());
        }
        if (key instanceof ECKey ec) {
            Curve curve = ec.getCurve();
            if (Curve.P_256.equals(curve)) {
                return JWSAlgorithm.ES256;
            }
            if (Curve.P_384.equals(curve)) {
                return JWSAlgorithm.ES384;
            }
            if (Curve.P_521.equals(curve)) {
                return JWSAlgorithm.ES512;
            }
        }
        throw invalid("the attestation service key " + key.getKeyID() + " does not state its algorithm");
    }

    private static JWSVerifier verifierFor(JWK key) throws JOSEException {
        return switch (key) {
            case ECKey ec -> new ECDSAVerifier(ec);
            case RSAKey rsa -> new RSASSAVerifier(rsa);
            default -> throw invalid("unsupported attestation service key type " + key.getKeyType());
        };
    }

    private static KbsException invalid(String detail) {
        return new KbsException(KbsErrorType.TokenVerifierError, "Token Verifier error: " + detail);
    }
}
