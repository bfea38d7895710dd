package dev.arca.attestation.policy;

import static dev.arca.attestation.support.Requests.b64url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.AttestationServiceTestBase;
import dev.arca.attestation.support.TestHttp.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Attestation policies from the policy directory (a ConfigMap volume): served, authoritative over the admin API for
 * their ids, re-read on change, and an invalid change refused with the previous version kept.
 */
class DeclaredPolicyTest extends AttestationServiceTestBase {

    private static final Path POLICIES = policies();

    @Autowired
    DeclaredPolicies declared;

    private static Path policies() {
        try {
            Path dir = Files.createTempDirectory("arca-declared-policies");
            Files.writeString(dir.resolve("gitops_cpu"), "{'hardware': 2}");
            Files.writeString(dir.resolve("broken_cpu"), "{'hardware': ");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void policyDirectory(DynamicPropertyRegistry registry) {
        registry.add("arca.as.policy-directory.path", POLICIES::toString);
        registry.add("arca.as.policy-directory.poll-interval", () -> "50ms");
    }

    private static String setPolicy(String id, String text) {
        return "{\"policy_id\": \"" + id + "\", \"policy\": \"" + b64url(text) + "\"}";
    }

    @Test
    void aDeclaredPolicyIsServedAndAnInvalidOneIsNot() {
        assertThat(http.get("/policy/gitops_cpu").body()).isEqualTo("{'hardware': 2}");
        assertThat(http.get("/policy").body()).contains("gitops_cpu").doesNotContain("broken_cpu");
        assertThat(http.get("/policy/broken_cpu").status()).isEqualTo(404);
        assertThat(declared.lastReport().orElseThrow().refused()).containsOnlyKeys("broken_cpu");
        assertThat(declared.lastReport().orElseThrow().refused().get("broken_cpu")).startsWith("does not compile");
    }

    @Test
    void theAdminApiMayNotChangeADeclaredId() {
        Response upload = http.postJson("/policy", setPolicy("gitops_cpu", "{'hardware': 32}"),
                "Authorization", adminBearer());
        Response delete = http.delete("/policy/gitops_cpu", "Authorization", adminBearer());
        // a file that is refused still claims its id: the fix belongs in the directory too
        Response uploadOverRefused = http.postJson("/policy", setPolicy("broken_cpu", "{'hardware': 2}"),
                "Authorization", adminBearer());

        for (Response refused : new Response[] {upload, delete, uploadOverRefused}) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("type").asString()).endsWith("/policy-declared");
        }
        assertThat(http.get("/policy/gitops_cpu").body()).isEqualTo("{'hardware': 2}");
        // other ids stay writable
        assertThat(http.postJson("/policy", setPolicy("api_cpu", "{'hardware': 2}"), "Authorization",
                adminBearer()).status()).isEqualTo(200);
    }

    @Test
    void aChangeIsTakenUpAndAnInvalidChangeKeepsThePreviousVersion() throws Exception {
        Files.writeString(POLICIES.resolve("changing_cpu"), "{'hardware': 2}");
        await(() -> http.get("/policy/changing_cpu").status() == 200);

        Files.writeString(POLICIES.resolve("changing_cpu"), "{'hardware': 3}");
        await(() -> http.get("/policy/changing_cpu").body().equals("{'hardware': 3}"));

        Files.writeString(POLICIES.resolve("changing_cpu"), "{'hardware': undefined_name}");
        await(() -> declared.lastReport().orElseThrow().refused().containsKey("changing_cpu"));
        assertThat(http.get("/policy/changing_cpu").body()).isEqualTo("{'hardware': 3}");

        Files.delete(POLICIES.resolve("changing_cpu"));
        await(() -> http.get("/policy/changing_cpu").status() == 404);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(until);
            Thread.sleep(20);
        }
    }
}
