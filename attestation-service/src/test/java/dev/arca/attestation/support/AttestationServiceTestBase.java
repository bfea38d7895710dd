package dev.arca.attestation.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.attestation.AttestationServiceApplication;
import dev.arca.model.admin.AdminJwk;
import dev.arca.model.admin.AdminTokenSigner;
import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.context.annotation.Import;

/**
 * One running AS for most API tests (same configuration → one cached Spring context), configured as in production
 * (generated signing key, no certificate chain, no "verify as of"): real HTTP on a random port, a real H2 file
 * database in a temporary directory, a real RVPS stand-in ({@link StubRvpsServer}) holding upstream's sample
 * reference values, a trusted admin key pair, and a {@link MutableClock}.
 */
@SpringBootTest(classes = AttestationServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
public abstract class AttestationServiceTestBase {

    protected static final Path DATA_DIR = tempDir();
    protected static final StubRvpsServer RVPS = StubRvpsServer.start();
    protected static final KeyPair ADMIN_KEY = p256();
    /** A key the AS does not trust. */
    protected static final KeyPair STRANGER_KEY = p256();
    /** A second trusted admin key, Ed25519, for tokens with upstream's {@code EdDSA} header alg. */
    protected static final KeyPair ED25519_ADMIN_KEY = ed25519();
    private static final Path ADMIN_PUBLIC_KEY_FILE = writePublicKey(ADMIN_KEY, "admin-pub.pem");
    private static final Path ED25519_PUBLIC_KEY_FILE = writePublicKey(ED25519_ADMIN_KEY, "admin-ed25519-pub.pem");

    static {
        // the reference values upstream's default policies read for the sample TEEs (Trustee attestation-service
        // default policies)
        RVPS.put("svn", "[\"1\", \"2\"]");
        RVPS.put("launch_digest", "[\"abcde\"]");
        RVPS.put("major_version", "1");
        RVPS.put("minimum_minor_version", "0");
        RVPS.put("device_svn", "[\"3\"]");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    protected TestHttp http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("arca.data-dir", DATA_DIR::toString);
        registry.add("arca.as.rvps-url", () -> RVPS.url().toString());
        registry.add("arca.admin.public-key-files[0]", ADMIN_PUBLIC_KEY_FILE::toString);
        registry.add("arca.admin.public-key-files[1]", ED25519_PUBLIC_KEY_FILE::toString);
        registry.add("arca.callers.trusted.kbs", KbsCaller::publicKeyFile);
    }

    @BeforeEach
    void client() {
        http = new TestHttp(port, KbsCaller.authorization(clock));
    }

    @AfterEach
    void restoreSharedState() {
        clock.reset();
        RVPS.setAvailable(true);
    }

    protected static String bearer(KeyPair key, String role) {
        return "Bearer " + new AdminTokenSigner(key.getPrivate(), key.getPublic(), Clock.systemUTC())
                .sign("test-admin", role, Duration.ofMinutes(5));
    }

    /** A bearer token with the header alg {@code EdDSA} (RFC 8037), as upstream-minted admin tokens carry it. */
    protected static String eddsaBearer(KeyPair ed25519, String role) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("upstream-admin").claim("role", role)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.EdDSA), claims);
        try {
            jwt.sign(AdminJwk.signer(ed25519.getPrivate(), ed25519.getPublic()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return "Bearer " + jwt.serialize();
    }

    protected static String adminBearer() {
        return bearer(ADMIN_KEY, "admin");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("arca-as-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey(KeyPair key, String name) {
        try {
            Path file = DATA_DIR.resolve(name);
            Files.writeString(file, PemKeys.toPem(key.getPublic()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
