package dev.arca.service.security;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.arca.model.admin.AdminKeySource;
import dev.arca.service.problem.ProblemCatalogue;
import dev.arca.service.problem.ProblemWriter;
import org.springframework.security.core.AuthenticationException;

/**
 * Fuzzes the bearer-token authentication of the KBS, AS and RVPS (docs/fuzzing.md): {@link ServiceSecurity} over the
 * admin {@link JwtDecoders} and {@link BearerAuthentication}. Every input ends in an authentication or an
 * {@link AuthenticationException}; nothing else may escape, and a token whose signature was not made with the
 * trusted key must never be accepted.
 *
 * <p>Inputs are split at newlines into JWT parts (header JSON, payload JSON, signature bytes) and base64url-encoded
 * here, so the fuzzer mutates the JSON inside a token rather than its base64.
 */
class AdminTokenFuzzTest {

    /** 2030-01-01: seeds carry exp after and nbf before it. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ECKey TRUSTED = generate();
    private static final ServiceSecurity SECURITY = security();

    /** The Authorization header as received. */
    @FuzzTest
    void authorizationHeader(byte[] header) {
        String value = new String(header, StandardCharsets.UTF_8);
        try {
            if (SECURITY.authenticate(value) != null) {
                throw new AssertionError("an Authorization header not signed by the trusted key was accepted");
            }
        } catch (AuthenticationException refused) {
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
            SECURITY.authenticate("Bearer " + token);
            throw new AssertionError("a token not signed by the trusted key was accepted: " + token);
        } catch (AuthenticationException refused) {
            // typed refusal
        }
    }

    /** header JSON \n payload JSON, really signed with the trusted key: the claims checks see arbitrary JSON. */
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
            signature = new ECDSASigner(TRUSTED).sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException wrongCurveForAlg) {
            return;
        }
        try {
            SECURITY.authenticate("Bearer " + signingInput + "." + signature);
        } catch (AuthenticationException refused) {
            // typed refusal
        }
    }

    private static byte[][] split(byte[] input, int count) {
        byte[][] parts = new byte[count][];
        int start = 0;
        for (int i = 0; i < count; i++) {
            int end = i == count - 1 ? input.length : indexOf(input, (byte) '\n', start);
            parts[i] = Arrays.copyOfRange(input, start, end);
            start = Math.min(input.length, end + 1);
        }
        return parts;
    }

    private static int indexOf(byte[] input, byte value, int from) {
        for (int i = from; i < input.length; i++) {
            if (input[i] == value) {
                return i;
            }
        }
        return input.length;
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("admin").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServiceSecurity security() {
        try {
            AdminKeySource keys = AdminKeySource.staticKeys(List.of(TRUSTED.toECPublicKey()));
            AdminProperties admin = AdminProperties.withKeys(List.of(), "admin");
            CallerProperties callers = new CallerProperties("rvps", null, Map.of(), Duration.ofSeconds(120), false);
            return new ServiceSecurity(admin, callers,
                    ServiceSecurity.bearer(JwtDecoders.admin(keys, admin, CLOCK), null, Set.of()),
                    new ProblemSecurityHandlers(new ProblemWriter(ProblemCatalogue.arca("fuzz"))));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
