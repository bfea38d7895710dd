package dev.arca.kbs.testing;

import dev.arca.kbs.KbsApplication;
import dev.arca.model.json.Base64s;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that run the real KBS on a random port with a real H2 database in a temporary directory, talking
 * real HTTP to it and from it (to {@link FakeAttestationServer}).
 */
@SpringBootTest(classes = KbsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class KbsIntegrationTest {

    /** Releases to affirming sample evidence only — the test TEE the default policy refuses. */
    public static final String ALLOW_SAMPLE = "input.submods.cpu0[\"ear.status\"] == \"affirming\""
            + " && \"sample\" in input.submods.cpu0[\"ear.veraison.annotated-evidence\"]";

    @LocalServerPort
    protected int port;

    protected KbsHttp http;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("arca.data-dir", TestEnvironment.DATA_DIR::toString);
        registry.add("arca.kbs.as-url", TestEnvironment.AS::url);
        registry.add("arca.kbs.rvps-url", TestEnvironment.AS::url);
        registry.add("arca.admin.public-key-files", TestEnvironment.ADMIN_PUBLIC_KEY::toString);
        // legacy (0.1.x) guests need RSA1_5; the default (off) is tested with its own instance (OperationsTest)
        registry.add("arca.kbs.jwe.allow-rsa1-5", () -> "true");
        // every test calls /auth from 127.0.0.1; the limit itself is tested with its own instance (OperationsTest)
        registry.add("arca.kbs.rate-limit.auth.burst", () -> "100000");
    }

    @BeforeEach
    void client() {
        http = new KbsHttp(port);
    }

    protected static String admin() {
        return TestEnvironment.adminBearer("admin");
    }

    protected void setResourcePolicy(String cel) {
        String body = "{\"policy\":\"" + Base64s.url(cel.getBytes(StandardCharsets.UTF_8)) + "\"}";
        assertThat(http.post("/kbs/v0/resource-policy", body, "Authorization", admin()).status()).isEqualTo(200);
    }

    protected void putResource(String path, byte[] secret) {
        assertThat(http.post("/kbs/v0/resource/" + path, secret, "Authorization", admin(),
                "Content-Type", "application/octet-stream").status()).isEqualTo(200);
    }
}
