package dev.arca.service.security;

import static dev.arca.service.security.SignedTokens.NOW;
import static dev.arca.service.security.SignedTokens.callerClaims;
import static dev.arca.service.security.SignedTokens.keyPair;
import static dev.arca.service.security.SignedTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.Base64URL;
import dev.arca.model.admin.VerificationKey;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The caller decoder remembers verified signatures (VerifiedSignatures): what it remembers must never let through a
 * token the full check would refuse — another text, an expired token, a token for another audience.
 */
class VerifiedSignaturesTest {

    private final SignedTokens.MovableClock clock = new SignedTokens.MovableClock(NOW);

    private JwtDecoder decoder(KeyPair kbs) throws Exception {
        return JwtDecoders.callers(Map.of("kbs", List.of(VerificationKey.of(kbs.getPublic()))), "as",
                Duration.ZERO, clock);
    }

    @Test
    void aTokenVerifiedOnceIsNotVerifiedAgainWhileValid() throws Exception {
        KeyPair kbs = keyPair("EC");
        VerificationKey key = VerificationKey.of(kbs.getPublic());
        AtomicInteger verifications = new AtomicInteger();
        TrustedKeyJwtProcessor processor = new TrustedKeyJwtProcessor(jwt -> {
            verifications.incrementAndGet();
            return List.of(key);
        }, new VerifiedSignatures(clock));
        String token = sign(kbs, callerClaims("kbs", "as").build());

        processor.process(token, null);
        processor.process(token, null);
        assertThat(verifications).hasValue(1);

        clock.advance(Duration.ofSeconds(120));
        processor.process(sign(kbs, callerClaims("kbs", "as").build()), null);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsStillCheckedForExpiry() throws Exception {
        KeyPair kbs = keyPair("EC");
        JwtDecoder decoder = decoder(kbs);
        String token = sign(kbs, callerClaims("kbs", "as").build());

        assertThat(decoder.decode(token).getClaimAsString("iss")).isEqualTo("kbs");
        assertThat(decoder.decode(token).getClaimAsString("iss")).isEqualTo("kbs"); // the remembered path

        clock.advance(Duration.ofSeconds(121)); // past exp (caller tokens here live 120 s, no skew)
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenWithAnotherSignatureIsVerifiedAfresh() throws Exception {
        KeyPair kbs = keyPair("EC");
        JwtDecoder decoder = decoder(kbs);
        String token = sign(kbs, callerClaims("kbs", "as").build());
        decoder.decode(token);

        String[] parts = token.split("\\.");
        byte[] signature = Base64URL.from(parts[2]).decode();
        signature[5] ^= 1;
        String forged = parts[0] + "." + parts[1] + "." + Base64URL.encode(signature);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);

        String byAnotherKey = sign(keyPair("EC"), callerClaims("kbs", "as").build());
        assertThatThrownBy(() -> decoder.decode(byAnotherKey)).isInstanceOf(JwtException.class);
    }

    @Test
    void aRememberedTokenForAnotherAudienceIsStillRefused() throws Exception {
        KeyPair kbs = keyPair("EC");
        JwtDecoder decoder = decoder(kbs);
        String forRvps = sign(kbs, callerClaims("kbs", "rvps").build());

        assertThatThrownBy(() -> decoder.decode(forRvps)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(forRvps)).isInstanceOf(JwtException.class);
    }

    @Test
    void rememberedSignaturesAreBoundedAndForgetExpiredTokens() throws Exception {
        VerifiedSignatures verified = new VerifiedSignatures(clock);
        for (int i = 0; i < VerifiedSignatures.MAX_ENTRIES + 10; i++) {
            verified.add("token-" + i, callerClaims("kbs", "as").build());
        }
        long kept = java.util.stream.IntStream.range(0, VerifiedSignatures.MAX_ENTRIES + 10)
                .filter(i -> verified.find("token-" + i).isPresent()).count();
        assertThat(kept).isPositive().isLessThanOrEqualTo(VerifiedSignatures.MAX_ENTRIES);

        verified.add("no-exp", callerClaims("kbs", "as").expirationTime(null).build());
        assertThat(verified.find("no-exp")).isEmpty();

        clock.advance(Duration.ofSeconds(120));
        assertThat(verified.find("token-" + (VerifiedSignatures.MAX_ENTRIES + 9))).isEmpty();
    }
}
