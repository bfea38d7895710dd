package dev.arca.agent.attester.sgx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.agent.fakes.FakeKernel;
import dev.arca.agent.fakes.SyntheticQuotes;
import dev.arca.agent.platform.HostPaths;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.Base64s;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** SGX under Gramine and Occlum: their quote pseudo-files, laid out in a fake kernel with SGX quotes the test built. */
class SgxAttesterTest {

    @TempDir
    Path root;

    @Test
    void gramineWritesTheReportDataAndReadsTheQuote() throws Exception {
        byte[] quote = SyntheticQuotes.sgxV3("Hello".getBytes(StandardCharsets.US_ASCII));
        FakeKernel kernel = FakeKernel.at(root)
                .file("/dev/attestation/attestation_type", "dcap".getBytes(StandardCharsets.US_ASCII))
                .file("/dev/attestation/user_report_data", new byte[0])
                .file("/dev/attestation/quote", quote);
        SgxAttester sgx = new SgxAttester(new Platform(kernel, HostPaths.fromSystemProperties(), Map.of()),
                SgxAttester.LibOs.GRAMINE);
        byte[] reportData = "Hello".getBytes(StandardCharsets.US_ASCII);

        JsonNode evidence = sgx.evidence(reportData);

        assertThat(Base64s.fromStd(evidence.get("quote").asString())).isEqualTo(quote);
        assertThat(Files.readAllBytes(kernel.real("/dev/attestation/user_report_data")))
                .isEqualTo(Arrays.copyOf(reportData, 64));
        assertThatThrownBy(() -> sgx.evidence(new byte[65])).hasMessageContaining("at most 64 bytes");
    }

    @Test
    void occlumUsesItsDevfsNodes() throws Exception {
        byte[] quote = SyntheticQuotes.sgxV3(new byte[32]);
        FakeKernel kernel = FakeKernel.at(root)
                .file("/dev/attestation_report_data", new byte[0])
                .file("/dev/attestation_quote", quote);
        SgxAttester sgx = new SgxAttester(new Platform(kernel, HostPaths.fromSystemProperties(),
                Map.of("OCCLUM", "yes")), SgxAttester.LibOs.OCCLUM);

        assertThat(Base64s.fromStd(sgx.evidence(new byte[32]).get("quote").asString())).isEqualTo(quote);
        assertThat(Files.readAllBytes(kernel.real("/dev/attestation_report_data"))).isEqualTo(new byte[64]);
    }

    @Test
    void aMissingPseudoFileNamesTheLibOs() {
        FakeKernel kernel = FakeKernel.at(root);
        SgxAttester sgx = new SgxAttester(new Platform(kernel, HostPaths.fromSystemProperties(), Map.of()),
                SgxAttester.LibOs.GRAMINE);
        assertThatThrownBy(() -> sgx.evidence(new byte[0])).hasMessageStartingWith("gramine SGX quote generation"
                + " failed");
    }
}
