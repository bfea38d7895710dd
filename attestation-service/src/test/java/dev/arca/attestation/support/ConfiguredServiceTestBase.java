package dev.arca.attestation.support;

import dev.arca.attestation.AttestationServiceApplication;
import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A second AS (one more cached context) with every optional setting in use: a configured signing key with its
 * certificate chain, custom issuer, profile and lifetime, "verify as of" allowed with a configured instant, and an
 * RVPS that demands the reader token the AS reads from {@code arca.as.rvps-token-file}.
 */
@SpringBootTest(classes = AttestationServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ConfiguredServiceTestBase {

    protected static final Path DATA_DIR = tempDir();
    protected static final StubRvpsServer RVPS = StubRvpsServer.start();
    protected static final String RVPS_TOKEN = "reader-token-1";
    protected static final KeyPair TOKEN_KEY = AttestationServiceTestBase.p256();
    protected static final TestCertificates.Chain CHAIN = TestCertificates.issue(TOKEN_KEY);
    protected static final String ISSUER = "https://as.example.test";
    protected static final String PROFILE = "tag:arca.dev,2026:test-profile";
    protected static final long LIFETIME_SECONDS = 90;
    protected static final Instant VERIFY_AS_OF = Instant.parse("2025-01-01T00:00:00Z");

    static {
        RVPS.requireToken(RVPS_TOKEN);
        RVPS.put("svn", "[\"1\"]");
        RVPS.put("launch_digest", "[\"abcde\"]");
        RVPS.put("major_version", "1");
        RVPS.put("minimum_minor_version", "4");
    }

    @LocalServerPort
    protected int port;

    protected TestHttp http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("arca.data-dir", DATA_DIR::toString);
        registry.add("arca.callers.trusted.kbs", KbsCaller::publicKeyFile);
        registry.add("arca.as.rvps-url", () -> RVPS.url().toString());
        registry.add("arca.as.rvps-token-file", () -> write("rvps-token", RVPS_TOKEN + "\n").toString());
        registry.add("arca.as.token.signing-key-file",
                () -> write("token-key.pem", PemKeys.toPem(TOKEN_KEY.getPrivate())).toString());
        registry.add("arca.as.token.certificate-chain-file", () -> write("token-chain.pem", CHAIN.pem()).toString());
        registry.add("arca.as.token.issuer", () -> ISSUER);
        registry.add("arca.as.token.profile", () -> PROFILE);
        registry.add("arca.as.token.lifetime", () -> LIFETIME_SECONDS + "s");
        registry.add("arca.as.allow-verify-as-of", () -> "true");
        registry.add("arca.as.verify-as-of", VERIFY_AS_OF::toString);
    }

    @BeforeEach
    void client() {
        http = new TestHttp(port, KbsCaller.authorization(java.time.Clock.systemUTC()));
    }

    private static Path write(String name, String content) {
        try {
            return Files.writeString(DATA_DIR.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("arca-as-configured-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
