package dev.arca.agent.attester.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.attester.MeasurementRegister;
import dev.arca.agent.attester.tdx.TdQuoteBody;
import dev.arca.agent.fakes.FakeAzureImds;
import dev.arca.agent.fakes.FakeKernel;
import dev.arca.agent.fakes.FakeTpmDevice;
import dev.arca.agent.fakes.VectorFiles;
import dev.arca.agent.initdata.InitDataBinder;
import dev.arca.agent.platform.HostPaths;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.tee.Tee;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Azure SNP/TDX CVMs with vTPM: a fake vTPM answers the agent's TPM commands with a real HCL report, AK and quote,
 * and a fake IMDS with a real VCEK and TD quote (vectors/MANIFEST.md §6, §7).
 */
class AzureVtpmAttesterTest {

    @TempDir
    Path root;

    private record Vm(FakeKernel kernel, FakeTpmDevice tpm, Platform platform) {
    }

    private Vm vm(String dir) throws Exception {
        byte[] hcl = VectorFiles.bytes(dir + "/trustee_hcl-report.bin");
        JsonNode quote = Json.tree(VectorFiles.text(dir + "/trustee_tpm-quote-v1.json"));
        List<byte[]> pcrs = new ArrayList<>();
        quote.get("pcrs").forEach(p -> pcrs.add(Hex.parse(p.asString())));
        FakeTpmDevice tpm = new FakeTpmDevice()
                .nvIndex(0x01400001, 0x00060006, hcl)
                .key(0x81000003, akFromHcl(hcl))
                .quoteAnswer(Hex.parse(quote.get("message").asString()),
                        FakeTpmDevice.rsassaSignature(Hex.parse(quote.get("signature").asString())))
                .pcrs(pcrs);
        FakeKernel kernel = FakeKernel.at(root.resolve(dir));
        kernel.tpm("tpmrm0", tpm);
        return new Vm(kernel, tpm, new Platform(kernel, HostPaths.fromSystemProperties(), Map.of()));
    }

    /** The HCLAkPub RSA JWK inside the HCL variable data. */
    private static RSAPublicKey akFromHcl(byte[] hcl) throws Exception {
        JsonNode key = Json.tree(new String(HclReport.parse(hcl).variableData(), StandardCharsets.UTF_8))
                .get("keys").get(0);
        Base64.Decoder url = Base64.getUrlDecoder();
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, url.decode(key.get("n").asString())),
                new BigInteger(1, url.decode(key.get("e").asString()))));
    }

    private static String vcekPem() {
        String bundle = VectorFiles.text("az-snp-vtpm/trustee_vcek.pem");
        return bundle.substring(0, bundle.indexOf("-----END CERTIFICATE-----") + 25);
    }

    @Test
    void snpEvidenceCarriesTheRealHclReportQuoteAndVcek() throws Exception {
        Vm vm = vm("az-snp-vtpm");
        byte[] reportData = HashAlgorithm.SHA384.digest("runtime data".getBytes(StandardCharsets.UTF_8));
        try (FakeAzureImds imds = new FakeAzureImds(vcekPem(), new byte[0])) {
            JsonNode evidence = AzSnpVtpmAttester.open(vm.platform(), new AzureImds(imds.url())).evidence(reportData);

            assertThat(evidence.get("version").asInt()).isEqualTo(2);
            // the quote, PCRs and signature are the vTPM's bytes, hex as upstream's evidence has them
            assertThat(evidence.get("tpm_quote")).isEqualTo(Json.tree(
                    VectorFiles.text("az-snp-vtpm/trustee_tpm-quote-v1.json")));
            String hcl = evidence.get("hcl_report").asString();
            assertThat(hcl).endsWith("=").doesNotContain("+", "/");
            assertThat(Base64.getUrlDecoder().decode(hcl)).isEqualTo(VectorFiles.bytes(
                    "az-snp-vtpm/trustee_hcl-report.bin"));
            byte[] vcek = Base64.getUrlDecoder().decode(evidence.get("vcek").asString());
            assertThat(vcek).isEqualTo(CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(vcekPem().getBytes(StandardCharsets.US_ASCII))).getEncoded());
        }
        // the agent asked for a fresh HCL report with the report data as user data, and a quote with it as nonce
        assertThat(vm.tpm().nvData(0x01400002)).isEqualTo(Arrays.copyOf(reportData, 64));
        FakeTpmDevice.QuoteRequest quote = vm.tpm().quotes().getFirst();
        assertThat(quote.qualifyingData()).isEqualTo(reportData);
        assertThat(quote.signHandle()).isEqualTo(0x81000003);
        assertThat(quote.scheme()).isEqualTo(0x0010);
        assertThat(quote.pcrSelect()).containsExactly(0xFF, 0xFF, 0xFF);
    }

    @Test
    void theTransportedQuoteVerifiesWithTheAkAndTheHclBindsItsVariableData() throws Exception {
        Vm vm = vm("az-snp-vtpm");
        JsonNode evidence;
        try (FakeAzureImds imds = new FakeAzureImds(vcekPem(), new byte[0])) {
            evidence = AzSnpVtpmAttester.open(vm.platform(), new AzureImds(imds.url())).evidence(new byte[32]);
        }
        HclReport hcl = HclReport.parse(Base64.getUrlDecoder().decode(evidence.get("hcl_report").asString()));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(akFromHcl(hcl.bytes()));
        rsa.update(Hex.parse(evidence.at("/tpm_quote/message").asString()));
        assertThat(rsa.verify(Hex.parse(evidence.at("/tpm_quote/signature").asString()))).isTrue();
        // vectors/MANIFEST.md §6: SNP report_data[0:32] = SHA-256(var_data)
        byte[] reportData = Arrays.copyOfRange(hcl.hardwareReport(), 0x50, 0x70);
        assertThat(reportData).isEqualTo(MessageDigest.getInstance("SHA-256").digest(hcl.variableData()));
        assertThat(hcl.reportType()).isEqualTo(HclReport.TYPE_SNP);
    }

    @Test
    void tdxEvidenceGetsItsTdQuoteFromImdsForTheHclTdReport() throws Exception {
        Vm vm = vm("az-tdx-vtpm");
        byte[] tdQuote = VectorFiles.bytes("az-tdx-vtpm/trustee_td-quote.bin");
        byte[] hcl = VectorFiles.bytes("az-tdx-vtpm/trustee_hcl-report.bin");
        try (FakeAzureImds imds = new FakeAzureImds(vcekPem(), tdQuote)) {
            JsonNode evidence = AzTdxVtpmAttester.open(vm.platform(), new AzureImds(imds.url()))
                    .evidence(new byte[48]);

            assertThat(evidence.get("version").asInt()).isEqualTo(2);
            assertThat(evidence.get("tpm_quote")).isEqualTo(Json.tree(
                    VectorFiles.text("az-tdx-vtpm/trustee_tpm-quote-v1.json")));
            assertThat(Base64.getUrlDecoder().decode(evidence.get("td_quote").asString())).isEqualTo(tdQuote);
            assertThat(imds.tdReports()).singleElement().isEqualTo(Arrays.copyOfRange(hcl, 32, 32 + 1024));
        }
        // vectors/MANIFEST.md §7: TD quote report_data[0:32] = SHA-256(HCL var_data)
        assertThat(Arrays.copyOf(TdQuoteBody.parse(tdQuote).reportData(), 32)).isEqualTo(
                MessageDigest.getInstance("SHA-256").digest(HclReport.parse(hcl).variableData()));
    }

    @Test
    void theWrongFlavourOrAMissingImdsIsAClearError() throws Exception {
        Vm vm = vm("az-tdx-vtpm");
        assertThatThrownBy(() -> AzSnpVtpmAttester.open(vm.platform(), new AzureImds(java.net.URI.create(
                "http://127.0.0.1:9"))).evidence(new byte[0])).hasMessageContaining("not an SNP one");
        Vm snp = vm("az-snp-vtpm");
        assertThatThrownBy(() -> AzSnpVtpmAttester.open(snp.platform(), new AzureImds(java.net.URI.create(
                "http://127.0.0.1:9"))).evidence(new byte[0])).hasMessageContaining("Azure IMDS");
        assertThatThrownBy(() -> AzSnpVtpmAttester.open(snp.platform(), null).evidence(new byte[65]))
                .hasMessageContaining("at most 64 bytes");
    }

    @Test
    void detectionReadsTheHclReportType() throws Exception {
        assertThat(AzureIsolation.detect(vm("az-snp-vtpm").platform())).contains(Tee.AZ_SNP_VTPM);
        assertThat(AzureIsolation.detect(vm("az-tdx-vtpm").platform())).contains(Tee.AZ_TDX_VTPM);
        FakeKernel plainTpm = FakeKernel.at(root.resolve("plain"));
        plainTpm.tpm("tpmrm0", new FakeTpmDevice());
        assertThat(AzureIsolation.detect(new Platform(plainTpm, HostPaths.fromSystemProperties(), Map.of())))
                .isEmpty();
    }

    @Test
    void initDataIsExtendedIntoPcr8AndOnlyASha256DigestFits() throws Exception {
        Vm vm = vm("az-snp-vtpm");
        AzSnpVtpmAttester attester = AzSnpVtpmAttester.open(vm.platform(), null);
        byte[] digest = HashAlgorithm.SHA256.digest("init-data".getBytes(StandardCharsets.UTF_8));
        byte[] before = vm.tpm().pcr(8);

        assertThat(InitDataBinder.bind(attester, digest).outcome()).isEqualTo(InitDataBinding.Outcome.EXTENDED);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(before);
        sha256.update(digest);
        assertThat(vm.tpm().pcr(8)).isEqualTo(sha256.digest()); // the verifier's SHA-256(0³² ‖ digest)

        InitDataBinding sha384 = InitDataBinder.bind(attester, new byte[48]);
        assertThat(sha384.outcome()).isEqualTo(InitDataBinding.Outcome.FAILED);
        assertThat(sha384.detail()).contains("sha256");
    }

    @Test
    void pcrsAreTheRuntimeMeasurementRegister() throws Exception {
        Vm vm = vm("az-tdx-vtpm");
        MeasurementRegister register = AzTdxVtpmAttester.open(vm.platform(), null).measurementRegister().orElseThrow();
        byte[] digest = HashAlgorithm.SHA256.digest(new byte[] {1});

        register.extend(17, digest);

        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(Hex.parse(Json.tree(VectorFiles.text("az-tdx-vtpm/trustee_tpm-quote-v1.json")).get("pcrs")
                .get(17).asString()));
        sha256.update(digest);
        assertThat(register.read(17)).isEqualTo(sha256.digest());
        assertThat(register.eventLogIndex(17)).isEqualTo(17);
        assertThatThrownBy(() -> register.extend(24, digest)).hasMessageContaining("0..23");
        assertThatThrownBy(() -> register.extend(17, new byte[48])).hasMessageContaining("32-byte");
    }
}
