package dev.arca.kbs.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Json;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Verifies an attestation token on every use (Trustee attestation_token_verification.md), whether it came from a cookie
 * session or a bearer header. The signing key is, in this order:
 * <ol>
 * <li>the signer of an {@code x5c} chain (header {@code x5c}, or the {@code x5c} of the header {@code jwk}) that
 * validates against {@code arca.kbs.token.trusted-certs} — when anchors are configured, a presented chain must
 * validate;</li>
 * <li>the key named by the header {@code kid} in a trusted JWK set (the own AS, {@code trusted-jwks});</li>
 * <li>only with {@code insecure-header-jwk=true} (development): the header {@code jwk} itself, with a warning.</li>
 * </ol>
 * The header {@code alg} must be one the key allows, {@code exp} is required and checked with a bounded leeway
 * ({@code nbf} too when present), and the TEE key must be found at the configured claim paths.
 */
public class TokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);

    private final TrustedJwkSets jwks;
    private final X5cChainValidator chains;
    private final TeeKeyLocator teeKeys;
    private final Clock clock;
    private final Duration leeway;
    private final boolean insecureHeaderJwk;
    private final Map<JWK, SignatureKeys> trustedVerifiers = new ConcurrentHashMap<>();
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    /** Tokens remembered: each holds its claims (a few KiB), and a guest's GETs follow its /attest closely. */
    static final int MAX_REMEMBERED = 256;

    /** Trusted sets hold a handful of keys; the bound only matters if a set keeps rotating. */
    private static final int MAX_TRUSTED_VERIFIERS = 64;

    public TokenVerifier(TrustedJwkSets jwks, X5cChainValidator chains, TeeKeyLocator teeKeys, Clock clock,
            TokenProperties properties) {
        this.jwks = jwks;
        this.chains = chains;
        this.teeKeys = teeKeys;
        this.clock = clock;
        this.leeway = properties.leeway();
        this.insecureHeaderJwk = properties.insecureHeaderJwk();
    }

    public VerifiedToken verify(String token) {
        Remembered known = remembered.get(token);
        if (known != null) {
            // the same text under the same trusted key verifies the same way: only the key's trust and the lifetime
            // can have changed since
            Optional<JWK> current = jwks.key(known.kid());
            if (current.isPresent() && current.get().equals(known.key())) {
                checkLifetime(known.lifetime());
                return known.token();
            }
            remembered.remove(token);
        }
        SignedJWT jwt;
        JsonNode claims;
        try {
            jwt = SignedJWT.parse(token);
            // the claims are parsed once, by the mapper the policies and the audit read them with (Nimbus's own
            // claims set would parse the same bytes a second time, with another parser)
            // with the JDK's base64url decoder: Nimbus's takes ~20 µs for a TDX-sized payload, the JDK's well under 1
            claims = Json.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(jwt.getParsedParts()[1].toString()));
        } catch (ParseException | JacksonException | IllegalArgumentException e) {
            throw invalid("the attestation token is not a signed JWT");
        }
        if (claims == null || !claims.isObject()) {
            throw invalid("the attestation token is not a signed JWT");
        }
        Lifetime lifetime = Lifetime.of(claims);
        JWSHeader header = jwt.getHeader();
        Trust trust = signingKey(header);
        SignatureKeys key = trust.keys();
        if (!key.algorithms().contains(header.getAlgorithm())) {
            throw invalid("the attestation token alg " + header.getAlgorithm() + " does not match its key ("
                    + key.algorithms() + ")");
        }
        try {
            if (!jwt.verify(key.verifier())) {
                throw invalid("the attestation token signature is invalid");
            }
        } catch (JOSEException e) {
            throw invalid("the attestation token signature cannot be verified");
        }
        Instant expiresAt = checkLifetime(lifetime);
        VerifiedToken verified = new VerifiedToken(claims, teeKeys.locate(claims), expiresAt, key.origin());
        if (trust.jwk() != null) {
            remember(token, new Remembered(header.getKeyID(), trust.jwk(), lifetime, verified));
        }
        return verified;
    }

    /**
     * A guest presents its token at least twice (the /attest answer, then each resource GET), so a token verified
     * through a trusted JWK set is remembered, by its exact text, with the key that verified it: bounded, and only
     * reused while that very key is still trusted under its kid and the token's lifetime still holds. Tokens trusted
     * through x5c chains or insecure header keys are always verified afresh.
     */
    private record Remembered(String kid, JWK key, Lifetime lifetime, VerifiedToken token) {
    }

    /**
     * {@code exp} and {@code nbf} (RFC 7519 §4.1.4, §4.1.5): NumericDates, seconds since the epoch, fractions dropped
     * as Nimbus drops them; {@code nbf} null when absent. A member that is present but not a number makes the token
     * malformed, as Nimbus's claims-set parser made it.
     */
    private record Lifetime(Instant expiresAt, Instant notBefore) {

        /** Far beyond any real token (year ~3.2 million) and far inside what {@link Instant} holds. */
        private static final double MAX_NUMERIC_DATE = 1e14;

        static Lifetime of(JsonNode claims) {
            return new Lifetime(numericDate(claims, "exp"), numericDate(claims, "nbf"));
        }

        private static Instant numericDate(JsonNode claims, String name) {
            JsonNode value = claims.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber()) {
                throw invalid("the attestation token is not a signed JWT: its " + name + " is not a number");
            }
            double seconds = value.asDouble();
            if (!(Math.abs(seconds) < MAX_NUMERIC_DATE)) {
                throw invalid("the attestation token is not a signed JWT: its " + name + " is out of range");
            }
            return Instant.ofEpochSecond(value.asLong());
        }
    }

    private void remember(String token, Remembered entry) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(token, entry);
    }

    /** The key a token's header leads to; {@code jwk} is the trusted JWK it came from, null for other origins. */
    private record Trust(SignatureKeys keys, JWK jwk) {
    }

    private Trust signingKey(JWSHeader header) {
        try {
            List<X509Certificate> chain = chain(header);
            if (!chain.isEmpty() && chains.configured()) {
                Trust key = new Trust(SignatureKeys.of(chains.validate(chain), "x5c"), null);
                JWK headerJwk = header.getJWK();
                if (headerJwk != null && !sameKey(headerJwk, chain.getFirst())) {
                    throw invalid("the header jwk is not the key of the x5c signer certificate");
                }
                return key;
            }
            String kid = header.getKeyID();
            if (kid != null && !kid.isEmpty() && !jwks.isEmpty()) {
                Optional<JWK> trusted = jwks.key(kid);
                if (trusted.isPresent()) {
                    return new Trust(trustedVerifier(trusted.get()), trusted.get());
                }
            }
            if (insecureHeaderJwk && header.getJWK() != null) {
                log.warn("INSECURE: trusting the key in an attestation token's own header "
                        + "(arca.kbs.token.insecure-header-jwk=true); anyone can mint such tokens");
                return new Trust(SignatureKeys.of(header.getJWK(), "insecure-header-jwk"), null);
            }
            if (kid != null && !kid.isEmpty()) {
                throw invalid("the attestation token is signed by an unknown key (kid " + abbreviate(kid) + ")");
            }
            throw invalid("the attestation token names no trusted key: no kid, and no x5c chain to a trusted "
                    + "certificate");
        } catch (JOSEException e) {
            throw invalid("the attestation token's key is unusable: " + e.getMessage());
        }
    }

    /**
     * The verifier of a trusted JWK, made once per key rather than per token (making one checks the point and decodes
     * the key). Keyed by the JWK itself: a rotated key is another entry, and a key no trusted set holds any more is
     * never looked up again.
     */
    private SignatureKeys trustedVerifier(JWK key) throws JOSEException {
        SignatureKeys known = trustedVerifiers.get(key);
        if (known == null) {
            if (trustedVerifiers.size() >= MAX_TRUSTED_VERIFIERS) {
                trustedVerifiers.clear();
            }
            known = SignatureKeys.of(key, "jwks");
            trustedVerifiers.put(key, known);
        }
        return known;
    }

    private static boolean sameKey(JWK headerJwk, X509Certificate leaf) throws JOSEException {
        return switch (headerJwk) {
            case com.nimbusds.jose.jwk.ECKey ec -> ec.toPublicKey().equals(leaf.getPublicKey());
            case com.nimbusds.jose.jwk.RSAKey rsa -> rsa.toPublicKey().equals(leaf.getPublicKey());
            case com.nimbusds.jose.jwk.OctetKeyPair okp -> {
                // an Ed25519 SPKI ends with the 32 raw key bytes (RFC 8410)
                byte[] spki = leaf.getPublicKey().getEncoded();
                yield spki.length >= 32 && java.util.Arrays.equals(okp.getDecodedX(),
                        java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length));
            }
            default -> false;
        };
    }

    /** The header's x5c, else the x5c of its jwk; standard base64 DER, leaf first. */
    private static List<X509Certificate> chain(JWSHeader header) {
        List<Base64> encoded = header.getX509CertChain();
        if ((encoded == null || encoded.isEmpty()) && header.getJWK() != null) {
            encoded = header.getJWK().getX509CertChain();
        }
        if (encoded == null || encoded.isEmpty()) {
            return List.of();
        }
        if (encoded.size() > X5cChainValidator.MAX_CHAIN) {
            throw invalid("the x5c chain is longer than " + X5cChainValidator.MAX_CHAIN + " certificates");
        }
        List<X509Certificate> chain = new ArrayList<>(encoded.size());
        for (Base64 der : encoded) {
            X509Certificate certificate = X509CertUtils.parse(der.decode());
            if (certificate == null) {
                throw invalid("the x5c chain holds an unreadable certificate");
            }
            chain.add(certificate);
        }
        return chain;
    }

    private Instant checkLifetime(Lifetime lifetime) {
        Instant now = clock.instant();
        Instant exp = lifetime.expiresAt();
        if (exp == null) {
            throw invalid("the attestation token has no exp claim");
        }
        if (now.isAfter(exp.plus(leeway))) {
            throw invalid("the attestation token expired at " + exp);
        }
        Instant nbf = lifetime.notBefore();
        if (nbf != null && now.plus(leeway).isBefore(nbf)) {
            throw invalid("the attestation token is not valid before " + nbf);
        }
        return exp;
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }

    private static KbsException invalid(String detail) {
        return new KbsException(KbsErrorType.TokenVerifierError, "Token Verifier error: " + detail);
    }
}
