package dev.arca.agent.initdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.attester.SampleAttester;
import dev.arca.model.json.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Init-data documents (Trustee initdata.md): parsed as TOML, digested over their exact bytes. */
class InitDataDocumentTest {

    private static final String TOML = """
            version = "0.1.0"
            algorithm = "sha384"

            [data]
            "aa.toml" = '''
            [token_configs.kbs]
            url = "http://kbs:8080"
            '''
            "policy.rego" = "package agent_policy"
            """;

    @Test
    void theDigestIsOverTheExactBytesInTheNamedAlgorithm() throws Exception {
        byte[] bytes = TOML.getBytes(StandardCharsets.UTF_8);
        InitDataDocument document = InitDataDocument.parse(bytes);

        assertThat(document.version()).isEqualTo("0.1.0");
        assertThat(document.algorithm()).isEqualTo(HashAlgorithm.SHA384);
        assertThat(document.digest()).isEqualTo(HashAlgorithm.SHA384.digest(bytes));
        assertThat(document.text()).isEqualTo(TOML);
        assertThat(document.data()).containsOnlyKeys("aa.toml", "policy.rego");
        assertThat(document.data().get("policy.rego")).isEqualTo("package agent_policy");
        // the same content with other whitespace is another document
        byte[] spaced = TOML.replace("version = ", "version  = ").getBytes(StandardCharsets.UTF_8);
        assertThat(InitDataDocument.parse(spaced).digest()).isNotEqualTo(document.digest());
    }

    @Test
    void everyAlgorithmNameOfTheSpecIsAcceptedExactly() throws Exception {
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            byte[] bytes = ("version = \"0.1.0\"\nalgorithm = \"" + algorithm.wireName() + "\"\n")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(InitDataDocument.parse(bytes).digest()).isEqualTo(algorithm.digest(bytes))
                    .hasSize(algorithm.length());
        }
        assertThatThrownBy(() -> InitDataDocument.parse("version = \"0.1.0\"\nalgorithm = \"SHA256\"\n"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("'SHA256' is not one of");
    }

    @Test
    void malformedDocumentsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> InitDataDocument.parse("version = ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInitDataException.class).hasMessageContaining("not valid TOML");
        assertThatThrownBy(() -> InitDataDocument.parse("algorithm = \"sha256\"".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'version'");
        assertThatThrownBy(() -> InitDataDocument.parse(("version = \"0.1.0\"\nalgorithm = \"sha256\"\n"
                + "[data]\nx = 1\n").getBytes(StandardCharsets.UTF_8))).hasMessageContaining("data.x must be a string");
        assertThatThrownBy(() -> InitDataDocument.parse(new byte[] {(byte) 0xC3, 0x28}))
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> InitDataDocument.parse(new byte[0])).hasMessageContaining("empty");
    }

    @Test
    void readingAFileKeepsItsBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("initdata.toml");
        byte[] bytes = TOML.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);

        assertThat(InitDataDocument.read(file).digest()).isEqualTo(HashAlgorithm.SHA384.digest(bytes));
        assertThatThrownBy(() -> InitDataDocument.read(dir.resolve("none"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void teesWithoutAFieldReportUnsupported() {
        InitDataBinding binding = InitDataBinder.bind(new SampleAttester(), new byte[48]);
        assertThat(binding.outcome()).isEqualTo(InitDataBinding.Outcome.UNSUPPORTED);
        assertThat(binding.acceptable()).isTrue();
    }
}
