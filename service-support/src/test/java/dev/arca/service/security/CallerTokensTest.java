package dev.arca.service.security;

import static dev.arca.service.security.SignedTokens.CLOCK;
import static dev.arca.service.security.SignedTokens.NOW;
import static dev.arca.service.security.SignedTokens.adminClaims;
import static dev.arca.service.security.SignedTokens.authenticate;
import static dev.arca.service.security.SignedTokens.authorities;
import static dev.arca.service.security.SignedTokens.callerClaims;
import static dev.arca.service.security.SignedTokens.keyPair;
import static dev.arca.service.security.SignedTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.arca.model.admin.AdminKeySource;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.admin.VerificationKey;
import dev.arca.model.caller.CallerKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.AuthenticationManager;

/**
 * Service-to-service tokens: what {@link CallerTokens} signs, and how a callee ({@code as}, trusting callers
 * {@code kbs} and {@code rvps} and one admin key) tells them from admin tokens and forgeries.
 */
class CallerTokensTest {

    @TempDir
    Path dir;

    private CallerKeyFile kbs;
    private CallerKeyFile rvps;
    private KeyPair admin;
    private AuthenticationManager bearer;

    @BeforeEach
    void callee() throws Exception {
        kbs = CallerKeyFile.loadOrCreate(dir.resolve("kbs-key.pem"));
        rvps = CallerKeyFile.loadOrCreate(dir.resolve("rvps-key.pem"));
        admin = keyPair("EC");
        bearer = callee("as", Map.of("kbs", kbs.publicKey(), "rvps", rvps.publicKey()));
    }

    /** A service named {@code name}, trusting the admin key and these callers' key files, as configured. */
    private AuthenticationManager callee(String name, Map<String, PublicKey> callers) throws Exception {
        Map<String, List<VerificationKey>> trusted = new LinkedHashMap<>();
        for (var caller : callers.entrySet()) {
            Path pem = Files.writeString(dir.resolve(caller.getKey() + "-trusted.pem"),
                    PemKeys.toPem(caller.getValue()));
            trusted.put(caller.getKey(), List.of(VerificationKey.of(PemKeys.readPublicKeys(pem).getFirst())));
        }
        return ServiceSecurity.bearer(
                JwtDecoders.admin(AdminKeySource.staticKeys(List.of(admin.getPublic())),
                        JwtDecodersTest.admin(null, null), CLOCK),
                trusted.isEmpty() ? null : JwtDecoders.callers(trusted, name, Duration.ofSeconds(60), CLOCK),
                trusted.keySet());
    }

    private static String token(CallerTokens tokens, String audience) {
        return tokens.authorization(audience).substring("Bearer ".length());
    }

    private static KeyPair pair(CallerKeyFile key) {
        return new KeyPair(key.publicKey(), key.privateKey());
    }

    private void assertRefused(String token) {
        JwtDecodersTest.assertRefused(bearer, token);
    }

    @Test
    void aTokenOfATrustedCallerForThisServiceYieldsItsCallerAuthority() throws Exception {
        String token = token(new CallerTokens("kbs", kbs, Duration.ofSeconds(120), CLOCK), "as");

        assertThat(authorities(authenticate(bearer, token))).containsExactly("CALLER_kbs");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly("as");
    }

    @Test
    void aCallerTokenForAnotherServiceIsRefused() throws Exception {
        assertRefused(token(new CallerTokens("kbs", kbs, Duration.ofSeconds(120), CLOCK), "rvps"));
    }

    @Test
    void aCallerTokenSignedByAnotherKeyIsRefused() throws Exception {
        // an admin key, another trusted caller's key, a stranger's key: none is the key trusted for kbs
        assertRefused(sign(admin, callerClaims("kbs", "as").build()));
        assertRefused(sign(pair(rvps), callerClaims("kbs", "as").build()));
        assertRefused(sign(keyPair("EC"), callerClaims("kbs", "as").build()));
        assertRefused(token(new CallerTokens("kbs", rvps, Duration.ofSeconds(120), CLOCK), "as"));
    }

    @Test
    void anAdminTokenSignedByACallerKeyIsRefused() throws Exception {
        assertRefused(sign(pair(kbs), adminClaims().build()));
        // an issuer the service does not trust as a caller makes it an admin token, which a caller key cannot sign
        assertRefused(sign(pair(kbs), callerClaims("stranger", "as").claim("role", "admin").build()));
        // and an admin token still works beside the callers
        assertThat(authorities(authenticate(bearer, sign(admin, adminClaims().build())))).containsExactly("ROLE_admin");
    }

    @Test
    void aCallerTokenGainsNoRoleFromARoleClaim() throws Exception {
        String token = sign(pair(kbs), callerClaims("kbs", "as").claim("role", "admin").build());

        assertThat(authorities(authenticate(bearer, token))).containsExactly("CALLER_kbs");
    }

    @Test
    void anExpiredOrUnexpiringCallerTokenIsRefused() throws Exception {
        Clock past = Clock.offset(CLOCK, Duration.ofSeconds(-200));
        assertRefused(token(new CallerTokens("kbs", kbs, Duration.ofSeconds(120), past), "as"));
        assertRefused(sign(pair(kbs), callerClaims("kbs", "as").expirationTime(null).build()));
        assertRefused(sign(pair(kbs), callerClaims("kbs", "as")
                .notBeforeTime(Date.from(NOW.plusSeconds(120))).build()));
    }

    @Test
    void aServiceTrustingNoCallerRefusesCallerTokens() throws Exception {
        AuthenticationManager lone = callee("as", Map.of());
        String token = token(new CallerTokens("kbs", kbs, Duration.ofSeconds(120), CLOCK), "as");

        JwtDecodersTest.assertRefused(lone, token);
    }

    @Test
    void aTokenIsReusedUntilHalfItsLifetimeThenRenewed() throws Exception {
        SignedTokens.MovableClock clock = new SignedTokens.MovableClock(NOW);
        CallerTokens tokens = new CallerTokens("kbs", kbs, Duration.ofSeconds(120), clock);
        String first = tokens.authorization("as");

        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.authorization("as")).isEqualTo(first);
        assertThat(tokens.authorization("rvps")).isNotEqualTo(first);
        clock.advance(Duration.ofSeconds(1));
        String renewed = tokens.authorization("as");
        assertThat(renewed).isNotEqualTo(first);
        assertThat(SignedJWT.parse(renewed.substring(7)).getJWTClaimsSet().getExpirationTime())
                .isEqualTo(Date.from(NOW.plusSeconds(180)));
    }

    @Test
    void aCallerKeyMustBeAnEcKey() throws Exception {
        KeyPair ed = keyPair("Ed25519");
        CallerKeyFile edKey = new CallerKeyFile(ed.getPrivate(), ed.getPublic());

        assertThatThrownBy(() -> new CallerTokens("kbs", edKey, Duration.ofSeconds(120), Clock.system(
                ZoneOffset.UTC))).isInstanceOf(IllegalArgumentException.class);
    }
}
