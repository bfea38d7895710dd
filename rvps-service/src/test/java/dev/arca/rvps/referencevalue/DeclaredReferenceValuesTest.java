package dev.arca.rvps.referencevalue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.rvps.RvpsIntegrationTest;
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
 * Provenance messages from the reference-value directory (a ConfigMap volume): registered at start and on change
 * through the upload's checks; an invalid file is refused and changes nothing.
 */
class DeclaredReferenceValuesTest extends RvpsIntegrationTest {

    private static final Path MESSAGES = messages();

    @Autowired
    DeclaredReferenceValues declared;

    private static Path messages() {
        try {
            Path dir = Files.createTempDirectory("arca-declared-rv");
            Files.writeString(dir.resolve("firmware.json"),
                    message("sample", samplePayload("{\"declared/fw/svn\": [3]}")));
            Files.writeString(dir.resolve("unknown-type.json"), message("no-such-extractor", "e30"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void directory(DynamicPropertyRegistry registry) {
        registry.add("arca.rvps.reference-value-directory.path", MESSAGES::toString);
        registry.add("arca.rvps.reference-value-directory.poll-interval", () -> "50ms");
    }

    @Test
    void aDeclaredMessageIsRegisteredAndAnInvalidOneRefused() {
        assertThat(json(get("/reference-values/declared/fw/svn")).path("value").get(0).asInt()).isEqualTo(3);
        assertThat(declared.lastReport().orElseThrow().refused()).containsKey("unknown-type.json")
                .doesNotContainKey("firmware.json");
        assertThat(declared.lastReport().orElseThrow().refused().get("unknown-type.json"))
                .contains("no extractor for type no-such-extractor");
    }

    @Test
    void aChangeIsRegisteredAndAnInvalidChangeChangesNothing() throws Exception {
        Files.writeString(MESSAGES.resolve("changing.json"),
                message("sample", samplePayload("{\"declared/changing/svn\": [1]}")));
        await(() -> get("/reference-values/declared/changing/svn").statusCode() == 200);

        Files.writeString(MESSAGES.resolve("changing.json"),
                message("sample", samplePayload("{\"declared/changing/svn\": [2]}")));
        await(() -> json(get("/reference-values/declared/changing/svn")).path("value").get(0).asInt() == 2);

        Files.writeString(MESSAGES.resolve("changing.json"), "{\"type\": \"sample\"");
        await(() -> declared.lastReport().orElseThrow().refused().containsKey("changing.json"));
        assertThat(json(get("/reference-values/declared/changing/svn")).path("value").get(0).asInt()).isEqualTo(2);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(until);
            Thread.sleep(20);
        }
    }
}
