package dev.arca.kbs.policy;

import static dev.arca.kbs.policy.ResourcePolicyServiceTest.AFFIRMING_TDX;
import static dev.arca.kbs.policy.ResourcePolicyServiceTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.testing.TestPostgres;
import dev.arca.service.declarative.RefusalReporter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Resource policies from the policy directory (a ConfigMap volume): they decide releases, bindings come from the
 * first-line comment, the admin API may not change their ids, and a change is taken up while an invalid one is not.
 */
class DeclaredResourcePoliciesTest {

    @TempDir
    Path dir;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DeclaredResourcePolicies declared;
    ResourcePolicyService service;

    @BeforeEach
    void start() throws IOException {
        Files.writeString(dir.resolve("tenant-a"), "// binding: tenant-a/\nrequest.path[2] == \"k1\"\n");
        Files.writeString(dir.resolve("broken"), "// binding: tenant-b/\nrequest.path[2] ==\n");
        ResourcePolicyEngine engine = new ResourcePolicyEngine(ResourcePolicyProperties.DEFAULTS);
        declared = new DeclaredResourcePolicies(new ResourcePolicyDirectoryProperties(dir, Duration.ofMillis(30)),
                engine, Clock.systemUTC(), registry, RefusalReporter.NONE);
        service = new ResourcePolicyService(engine, new ResourcePolicyStore(
                JdbcClient.create(TestPostgres.migratedH2("declared" + System.nanoTime())), Clock.systemUTC()),
                declared);
    }

    @AfterEach
    void stop() {
        declared.destroy();
    }

    @Test
    void aDeclaredPolicyDecidesWithTheBindingOfItsFirstLine() {
        assertThat(service.find("tenant-a").orElseThrow().binding()).isEqualTo("tenant-a/");
        assertThat(service.decide(AFFIRMING_TDX, resource("tenant-a", "key", "k1")).allowed()).isTrue();
        assertThat(service.decide(AFFIRMING_TDX, resource("tenant-a", "key", "k2")).allowed()).isFalse();
        // a declared policy replaces the built-in default like a stored one does
        assertThat(service.decide(AFFIRMING_TDX, resource("other", "key", "k1")).policyId()).isNull();
        assertThat(service.find("broken")).isEmpty();
        assertThat(declared.lastReport().orElseThrow().refused()).containsOnlyKeys("broken");
        // what an alert watches
        assertThat(registry.get("arca.declarative.files").tag("kind", "resource-policy").tag("state", "refused")
                .gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("arca.declarative.files").tag("state", "loaded").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("arca.declarative.load.clean").gauge().value()).isZero();
    }

    @Test
    void aFileWithoutBindingLineIsBoundToEverything() throws Exception {
        Files.writeString(dir.resolve("all"), "true");
        await(() -> service.find("all").isPresent());
        assertThat(service.find("all").orElseThrow().binding()).isEmpty();
    }

    @Test
    void aRegoFileIsDeclaredLikeAnUploadWithItsBindingInARegoComment() throws Exception {
        Files.writeString(dir.resolve("tenant-r"), "# binding: tenant-r/\npackage policy\n\ndefault allow := false\n\n"
                + "allow if data[\"resource-path\"] == \"tenant-r/key/k1\"\n");
        Files.writeString(dir.resolve("broken-rego"), "package policy\nallow if {\n");
        await(() -> service.find("tenant-r").isPresent()
                && declared.lastReport().orElseThrow().refused().containsKey("broken-rego"));
        assertThat(service.find("tenant-r").orElseThrow().binding()).isEqualTo("tenant-r/");
        assertThat(service.find("broken-rego")).isEmpty();
    }

    @Test
    void theAdminApiMayNotChangeADeclaredIdButOthers() {
        for (String id : new String[] {"tenant-a", "broken"}) {
            assertThatThrownBy(() -> service.set(id, "tenant-a/", "true"))
                    .isInstanceOfSatisfying(KbsException.class,
                            e -> assertThat(e.problem().status()).isEqualTo(409));
            assertThatThrownBy(() -> service.delete(id)).isInstanceOf(KbsException.class);
        }
        service.set("tenant-c", "tenant-c/", "true");
        assertThat(service.list()).extracting(StoredPolicy::id).containsExactly("tenant-a", "tenant-c");
    }

    @Test
    void aChangeIsTakenUpAnInvalidOneKeepsThePreviousAndADeletionRemoves() throws Exception {
        Files.writeString(dir.resolve("tenant-a"), "// binding: tenant-a/\nrequest.path[2] == \"k2\"\n");
        await(() -> service.decide(AFFIRMING_TDX, resource("tenant-a", "key", "k2")).allowed());

        Files.writeString(dir.resolve("tenant-a"), "// binding: not a binding\ntrue\n");
        await(() -> declared.lastReport().orElseThrow().refused().containsKey("tenant-a"));
        assertThat(service.decide(AFFIRMING_TDX, resource("tenant-a", "key", "k2")).allowed()).isTrue();
        assertThat(service.find("tenant-a").orElseThrow().binding()).isEqualTo("tenant-a/");

        Files.delete(dir.resolve("tenant-a"));
        await(() -> service.find("tenant-a").isEmpty());
        assertThat(service.list()).isEmpty();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(until);
            Thread.sleep(20);
        }
    }
}
