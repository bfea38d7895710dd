package dev.arca.rvps.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.rvps.MutableClock;
import dev.arca.rvps.TestAdminKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AdminAuthorizerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    private final KeyPair keys = TestAdminKeys.generate();

    @Test
    void withoutKeysEveryCallIsRefusedAndAWarningIsLogged(CapturedOutput output) {
        AdminAuthorizer authorizer = new AdminAuthorizer(properties(List.of()), clock);
        String validLooking = TestAdminKeys.signer(keys, clock).sign("root", "admin", Duration.ofMinutes(5));

        assertThat(output).contains("No admin key configured");
        assertThatThrownBy(() -> authorizer.authorize("Bearer " + validLooking))
                .isInstanceOf(AdminForbiddenException.class).hasMessageContaining("arca.admin.public-key-files");
        assertThatThrownBy(() -> authorizer.authorize(null)).isInstanceOf(AdminForbiddenException.class);
    }

    @Test
    void acceptsOnlyTheRequiredRole(@TempDir Path dir) {
        Path pem = TestAdminKeys.writePublicKey(keys, dir.resolve("admin-pub.pem"));
        AdminAuthorizer authorizer = new AdminAuthorizer(properties(List.of(pem)), clock);

        assertThat(authorizer.authorize("Bearer " + TestAdminKeys.signer(keys, clock)
                .sign("alice", "admin", Duration.ofMinutes(5))).subject()).isEqualTo("alice");
        assertThatThrownBy(() -> authorizer.authorize("Bearer " + TestAdminKeys.signer(keys, clock)
                .sign("bob", "Admin", Duration.ofMinutes(5)))).isInstanceOf(AdminForbiddenException.class);
    }

    @Test
    void tokensExpireAfterTheClockSkew(@TempDir Path dir) {
        Path pem = TestAdminKeys.writePublicKey(keys, dir.resolve("admin-pub.pem"));
        AdminAuthorizer authorizer = new AdminAuthorizer(properties(List.of(pem)), clock);
        String token = "Bearer " + TestAdminKeys.signer(keys, clock).sign("alice", "admin", Duration.ofMinutes(5));

        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        assertThat(authorizer.authorize(token).subject()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> authorizer.authorize(token))
                .isInstanceOf(AdminUnauthenticatedException.class).hasMessageContaining("expired");
    }

    @Test
    void anUnreadableKeyFileStopsTheService(@TempDir Path dir) {
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> new AdminAuthorizer(properties(List.of(missing)), clock))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing.pem");
    }

    private static AdminProperties properties(List<Path> files) {
        return new AdminProperties(files, null, null, null, "admin", Duration.ofSeconds(60));
    }
}
