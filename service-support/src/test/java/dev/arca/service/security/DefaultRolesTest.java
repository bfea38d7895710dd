package dev.arca.service.security;

import static dev.arca.service.security.SignedTokens.CLOCK;
import static dev.arca.service.security.SignedTokens.NOW;
import static dev.arca.service.security.SignedTokens.authenticate;
import static dev.arca.service.security.SignedTokens.authorities;
import static dev.arca.service.security.SignedTokens.keyPair;
import static dev.arca.service.security.SignedTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.arca.model.admin.AdminKeySource;
import dev.arca.model.admin.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.AuthenticationException;

/**
 * {@code arca.admin.default-roles}: admin tokens as older upstream kbs-client versions sign them — Ed25519,
 * header {@code {"alg":"EdDSA","typ":"JWT"}}, claims {@code iat}, {@code exp} (two hours) and {@code nbf}, no
 * {@code role} (Trustee tools/kbs-client, jwt-simple {@code Claims::create(Duration::from_hours(2))}).
 */
class DefaultRolesTest {

    @TempDir
    Path dir;

    /** What an older kbs-client signs: no role, no subject. */
    private static String kbsClientToken(KeyPair key) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issueTime(Date.from(NOW)).notBeforeTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plus(Duration.ofHours(2)))).build();
        return sign(key, new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(JOSEObjectType.JWT).build(), claims);
    }

    private Path pem(String name, KeyPair key) throws Exception {
        return Files.writeString(dir.resolve(name), PemKeys.toPem(key.getPublic()));
    }

    /** A service trusting the admin keys of {@code files}, with the given default roles. */
    private static AuthenticationManager service(List<Path> files, List<AdminProperties.DefaultRole> defaults) {
        AdminProperties admin = new AdminProperties(AdminMode.AUTHENTICATED, files, null, null, null, "admin",
                Duration.ofSeconds(60), Map.of(), defaults);
        return ServiceSecurity.bearer(JwtDecoders.admin(AdminKeySource.fromConfiguration(files, null, CLOCK), admin,
                CLOCK), null, Set.of());
    }

    @Test
    void aRolelessTokenIsRefusedByDefault() throws Exception {
        KeyPair old = keyPair("Ed25519");
        AuthenticationManager bearer = service(List.of(pem("old.pem", old)), List.of());

        assertThatThrownBy(() -> authenticate(bearer, kbsClientToken(old))).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void theConfiguredKeysRolelessTokensGetItsDefaultRoleAndNoOtherKeysDo() throws Exception {
        KeyPair old = keyPair("Ed25519");
        KeyPair other = keyPair("Ed25519");
        KeyPair ec = keyPair("EC");
        Path oldPem = pem("old.pem", old);
        AuthenticationManager bearer = service(List.of(oldPem, pem("other.pem", other), pem("ec.pem", ec)),
                List.of(new AdminProperties.DefaultRole(oldPem, "admin")));

        assertThat(authorities(authenticate(bearer, kbsClientToken(old)))).containsExactly("ROLE_admin");
        // another trusted admin key's role-less token is still refused
        assertThatThrownBy(() -> authenticate(bearer, kbsClientToken(other)))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> authenticate(bearer, sign(ec, new JWTClaimsSet.Builder()
                .expirationTime(Date.from(NOW.plusSeconds(300))).build())))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aClaimedRoleWinsAndABlankOrNonStringRoleIsStillRefused() throws Exception {
        KeyPair old = keyPair("Ed25519");
        Path oldPem = pem("old.pem", old);
        AuthenticationManager bearer = service(List.of(oldPem), List.of(new AdminProperties.DefaultRole(oldPem,
                "admin")));
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().expirationTime(Date.from(NOW.plusSeconds(300)));
        JWSHeader eddsa = new JWSHeader(JWSAlgorithm.EdDSA);

        assertThat(authorities(authenticate(bearer, sign(old, eddsa, claims.claim("role", "reader").build()))))
                .containsExactly("ROLE_reader");
        for (Object role : new Object[] {"", " ", 7, List.of("admin")}) {
            String token = sign(old, eddsa, claims.claim("role", role).build());
            assertThatThrownBy(() -> authenticate(bearer, token)).as(String.valueOf(role))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void aRolelessTokenStillNeedsItsOtherClaims() throws Exception {
        KeyPair old = keyPair("Ed25519");
        Path oldPem = pem("old.pem", old);
        AuthenticationManager bearer = service(List.of(oldPem), List.of(new AdminProperties.DefaultRole(oldPem,
                "admin")));
        String expired = sign(old, new JWSHeader(JWSAlgorithm.EdDSA), new JWTClaimsSet.Builder()
                .expirationTime(Date.from(NOW.minus(Duration.ofHours(1)))).build());
        String noExpiry = sign(old, new JWSHeader(JWSAlgorithm.EdDSA), new JWTClaimsSet.Builder()
                .issueTime(Date.from(NOW)).build());

        assertThatThrownBy(() -> authenticate(bearer, expired)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> authenticate(bearer, noExpiry)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aDefaultRoleNeedsOneOfTheAdminKeys() throws Exception {
        Path listed = pem("listed.pem", keyPair("Ed25519"));
        Path unlisted = pem("unlisted.pem", keyPair("Ed25519"));

        assertThatThrownBy(() -> new AdminProperties(AdminMode.AUTHENTICATED, List.of(listed), null, null, null,
                "admin", Duration.ofSeconds(60), Map.of(), List.of(new AdminProperties.DefaultRole(unlisted,
                        "admin")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not one of arca.admin.public-key-files");
        assertThatThrownBy(() -> new AdminProperties.DefaultRole(listed, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
