package dev.arca.service.security;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.model.admin.AdminJwk;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** Keys, hand-built tokens and the bearer authentication call shared by the JWT tests. */
final class SignedTokens {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private SignedTokens() {
    }

    static KeyPair keyPair(String kind) throws Exception {
        return switch (kind) {
            case "EC" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                yield g.generateKeyPair();
            }
            case "RSA" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                yield g.generateKeyPair();
            }
            case "Ed25519" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** An admin token's claims: subject ops, role admin, issued now, valid five minutes. */
    static JWTClaimsSet.Builder adminClaims() {
        return new JWTClaimsSet.Builder().subject("ops").claim("role", "admin").issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(300)));
    }

    /** A caller token's claims: {@code iss} the caller, {@code aud} the callee, valid two minutes. */
    static JWTClaimsSet.Builder callerClaims(String caller, String callee) {
        return new JWTClaimsSet.Builder().issuer(caller).subject(caller).audience(callee).issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(120)));
    }

    /** Signed by {@code pair} under the algorithm its key type implies, with no kid. */
    static String sign(KeyPair pair, JWTClaimsSet claims) throws Exception {
        return sign(pair, new JWSHeader(AdminJwk.algorithmFor(pair.getPublic())), claims);
    }

    static String sign(KeyPair pair, JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(AdminJwk.signer(pair.getPrivate(), pair.getPublic()));
        return jwt.serialize();
    }

    /** What the resource server does with a bearer token: the manager's authentication of it. */
    static Authentication authenticate(AuthenticationManager bearer, String token) {
        return bearer.authenticate(new BearerTokenAuthenticationToken(token));
    }

    /**
     * The authorities the token granted. Spring Security 7 adds {@code FACTOR_BEARER} to every bearer authentication
     * (how the caller authenticated, not what it may do); that one is checked to be there and left out.
     */
    static List<String> authorities(Authentication authentication) {
        List<String> all = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        if (!all.contains("FACTOR_BEARER")) {
            throw new AssertionError("no FACTOR_BEARER authority in " + all);
        }
        return all.stream().filter(a -> !a.equals("FACTOR_BEARER")).collect(Collectors.toList());
    }

    /** A clock the test moves forward, to cross an interval without sleeping. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
