package dev.arca.rvps.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.arca.rvps.grpc.GrpcProperties;
import dev.arca.service.security.AdminProperties;
import dev.arca.service.security.CallerProperties;
import dev.arca.service.security.ServiceSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.AuthenticationException;

/** The gRPC listener's decision for the upstream-AS opt-ins, and the start-up announcement of each. */
class GrpcCallersTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-secret";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger log = new LoggerContext().getLogger("test");

    {
        logged.start();
        log.addAppender(logged);
    }

    /** No admin key, no trusted caller: every token is refused, as on a service with no key configured. */
    private static ServiceSecurity security() {
        return new ServiceSecurity(AdminProperties.withKeys(List.of(), "admin"),
                new CallerProperties("rvps", null, null, Duration.ofMinutes(2), false),
                ServiceSecurity.bearer(null, null, Set.of()), null);
    }

    private GrpcCallers callers(Path secretFile, boolean trustNetwork) {
        return RvpsSecurityConfiguration.grpcCallers(security(),
                new GrpcProperties(50003, "127.0.0.1", secretFile, trustNetwork), log);
    }

    private Path secretFile(String secret) throws IOException {
        return Files.writeString(dir.resolve("secret"), secret + "\n");
    }

    @Test
    void byDefaultACallWithoutMetadataIsRefusedAndNothingIsAnnounced() {
        GrpcCallers callers = callers(null, false);

        assertThatThrownBy(() -> callers.registrar(null)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> callers.reader(null)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> callers.registrar("Bearer " + SECRET)).isInstanceOf(AuthenticationException.class);
        assertThat(logged.list).isEmpty();
    }

    @Test
    void theSecretRegistersAndReadsAndNothingElseDoes() throws IOException {
        GrpcCallers callers = callers(secretFile(SECRET), false);

        assertThat(callers.registrar("Bearer " + SECRET)).isEqualTo(GrpcCallers.SECRET_HOLDER);
        assertThat(callers.registrar("bearer  " + SECRET)).isEqualTo(GrpcCallers.SECRET_HOLDER);
        callers.reader("Bearer " + SECRET);
        for (String wrong : List.of("Bearer " + SECRET + "x", "Bearer " + SECRET.substring(1), SECRET,
                "Basic " + SECRET, "Bearer ")) {
            assertThatThrownBy(() -> callers.registrar(wrong)).as(wrong).isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> callers.reader(wrong)).as(wrong).isInstanceOf(AuthenticationException.class);
        }
        assertThatThrownBy(() -> callers.registrar(null)).isInstanceOf(AuthenticationException.class);
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("registration secret").doesNotContain(SECRET);
        });
    }

    @Test
    void trustedNetworkCallersRegisterWithoutMetadataAndTheStartIsWarned() {
        GrpcCallers callers = callers(null, true);

        assertThat(callers.registrar(null)).isEqualTo(GrpcCallers.NETWORK_CALLER);
        callers.reader(null);
        // a presented credential is still checked
        assertThatThrownBy(() -> callers.registrar("Bearer junk")).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> callers.reader("Bearer junk")).isInstanceOf(AuthenticationException.class);
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage())
                        .contains("INSECURE", "arca.rvps.grpc.trust-network-callers=true", "127.0.0.1:50003"));
    }

    @Test
    void aShortOrUnsendableSecretStopsTheStart() throws IOException {
        Path shortOne = secretFile("too-short");
        assertThatThrownBy(() -> callers(shortOne, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 characters");
        Path spaced = secretFile("0123456789abcdef 0123456789abcdef");
        assertThatThrownBy(() -> callers(spaced, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("printable ASCII");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> callers(missing, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("registration-secret-file");
    }
}
