package dev.arca.attestation.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.config.ArcaProperties;
import dev.arca.attestation.web.ApiException;
import dev.arca.attestation.web.Problem;
import dev.arca.model.admin.AdminTokenSigner;
import dev.arca.model.admin.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminAuthorizerTest {

    @TempDir
    Path dir;

    private static AdminAuthorizer authorizer(List<Path> keys) {
        return new AdminAuthorizer(new ArcaProperties(Path.of("."), new ArcaProperties.Admin(keys, null, null, null, "admin")),
                Clock.systemUTC());
    }

    @Test
    void withoutConfiguredKeysNoAdminCallSucceeds() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String token = "Bearer " + new AdminTokenSigner(key.getPrivate(), key.getPublic(), Clock.systemUTC())
                .sign("someone", "admin", Duration.ofMinutes(5));

        assertThatThrownBy(() -> authorizer(List.of()).authorize(token))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.problem())
                        .isEqualTo(Problem.ADMIN_FORBIDDEN));
        assertThatThrownBy(() -> authorizer(List.of()).authorize(null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.problem())
                        .isEqualTo(Problem.ADMIN_UNAUTHENTICATED));
    }

    @Test
    void expiredTokensAreUnauthenticated() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pub = Files.writeString(dir.resolve("admin.pem"), PemKeys.toPem(key.getPublic()));
        Clock hourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = "Bearer " + new AdminTokenSigner(key.getPrivate(), key.getPublic(), hourAgo)
                .sign("someone", "admin", Duration.ofMinutes(5));
        String fresh = "Bearer " + new AdminTokenSigner(key.getPrivate(), key.getPublic(), Clock.systemUTC())
                .sign("someone", "admin", Duration.ofMinutes(5));

        assertThatThrownBy(() -> authorizer(List.of(pub)).authorize(expired))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.problem())
                        .isEqualTo(Problem.ADMIN_UNAUTHENTICATED));
        assertThat(authorizer(List.of(pub)).authorize(fresh).subject()).isEqualTo("someone");
    }
}
