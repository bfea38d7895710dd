package dev.arca.kbs.token;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.arca.kbs.error.KbsException;
import dev.arca.model.admin.JwkSetCache;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the KBS's attestation-token verifier (docs/fuzzing.md), which sees every bearer token and every token the AS
 * returns. Every input ends in a {@link VerifiedToken} or a {@link KbsException} (401 TokenVerifierError); nothing else
 * may escape, and a token not signed by the trusted AS key must never verify.
 *
 * <p>Inputs are split at newlines into header JSON, payload JSON and signature bytes and base64url-encoded here, so the
 * fuzzer mutates the JSON inside a token.
 */
class TokenVerifierFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ECKey AS_KEY = generate();
    private static final TokenVerifier VERIFIER = verifier();

    /** The token as a bearer header or cookie session would carry it. */
    @FuzzTest
    void token(byte[] token) {
        try {
            VERIFIER.verify(new String(token, StandardCharsets.UTF_8));
            throw new AssertionError("a token not signed by the trusted key was accepted");
        } catch (KbsException refused) {
            // typed refusal
        }
    }

    /** header JSON \n payload JSON \n signature bytes: a forgery, never accepted. */
    @FuzzTest
    void forgedToken(byte[] input) {
        byte[][] parts = split(input, 3);
        String token = Base64URL.encode(parts[0]) + "." + Base64URL.encode(parts[1]) + "."
                + Base64URL.encode(parts[2]);
        try {
            VERIFIER.verify(token);
            throw new AssertionError("a token not signed by the trusted key was accepted: " + token);
        } catch (KbsException refused) {
            // typed refusal
        }
    }

    /** header JSON \n payload JSON, really signed by the trusted AS key: claims and tee-pubkey are arbitrary JSON. */
    @FuzzTest
    void signedClaims(byte[] input) throws JOSEException {
        byte[][] parts = split(input, 2);
        JWSHeader header;
        try {
            header = JWSHeader.parse(Base64URL.encode(parts[0]));
        } catch (ParseException notAHeaderTheSignerTakes) {
            return;
        }
        if (!ECDSASigner.SUPPORTED_ALGORITHMS.contains(header.getAlgorithm())) {
            return;
        }
        String signingInput = header.getParsedBase64URL() + "." + Base64URL.encode(parts[1]);
        Base64URL signature;
        try {
            signature = new ECDSASigner(AS_KEY).sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException wrongCurveForAlg) {
            return;
        }
        try {
            VERIFIER.verify(signingInput + "." + signature);
        } catch (KbsException refused) {
            // typed refusal
        }
    }

    private static byte[][] split(byte[] input, int count) {
        byte[][] parts = new byte[count][];
        int start = 0;
        for (int i = 0; i < count; i++) {
            int end = input.length;
            if (i < count - 1) {
                for (int j = start; j < input.length; j++) {
                    if (input[j] == '\n') {
                        end = j;
                        break;
                    }
                }
            }
            parts[i] = Arrays.copyOfRange(input, start, end);
            start = Math.min(input.length, end + 1);
        }
        return parts;
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("as-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The own AS's JWK set holds the one trusted key (kid "as-key"); no x5c anchors, no header-jwk trust. */
    private static TokenVerifier verifier() {
        String jwks = new JWKSet(AS_KEY.toPublicJWK()).toString();
        JwkSetCache set = new JwkSetCache("as", () -> jwks, CLOCK, Duration.ofMinutes(5));
        TokenProperties properties = TokenProperties.defaults();
        return new TokenVerifier(new TrustedJwkSets(List.of(set)), new X5cChainValidator(List.of(), CLOCK),
                new TeeKeyLocator(List.of()), CLOCK, properties);
    }
}
