package dev.arca.agent.attester.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.attester.MeasurementRegister;
import dev.arca.agent.attester.tdx.TdQuoteBody;
import dev.arca.agent.fakes.FakeAzureImds;
import dev.arca.agent.fakes.FakeKernel;
import dev.arca.agent.fakes.FakeTpmDevice;
import dev.arca.agent.fakes.SyntheticHclReport;
import dev.arca.agent.fakes.SyntheticQuotes;
import dev.arca.agent.initdata.InitDataBinder;
import dev.arca.agent.kbs.TestCertificates;
import dev.arca.agent.platform.HostPaths;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.tee.Tee;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import dev.arca.tpm.azure.HclReport;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Azure SNP/TDX CVMs with vTPM: a fake vTPM answers the agent's TPM commands with an HCL report, AK and quotes the
 * test made, and a fake IMDS with a stand-in VCEK and a TD quote of the right shape; the nested class does the same
 * with a real HCL report, AK, quote, VCEK and TD quote when the real-evidence corpus is present.
 */
class AzureVtpmAttesterTest {

    private static final KeyPair AK = rsa();
    private static final int AK_HANDLE = 0x81000003;

    @TempDir
    Path root;

    private record Vm(FakeKernel kernel, FakeTpmDevice tpm, Platform platform, byte[] hcl, List<byte[]> pcrs) {
    }

    /** A CVM whose paravisor holds an HCL report of this type binding the AK; the vTPM signs its own quotes. */
    private Vm vm(int reportType) {
        byte[] hcl = SyntheticHclReport.of(reportType, (RSAPublicKey) AK.getPublic(), new byte[64]);
        List<byte[]> pcrs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            pcrs.add(HashAlgorithm.SHA256.digest(new byte[] {(byte) i}));
        }
        FakeTpmDevice tpm = new FakeTpmDevice().nvIndex(0x01400001, 0x00060006, hcl).signingKey(AK_HANDLE, AK)
                .pcrs(pcrs);
        return boot("type" + reportType, tpm, hcl, pcrs);
    }

    private Vm boot(String name, FakeTpmDevice tpm, byte[] hcl, List<byte[]> pcrs) {
        FakeKernel kernel = FakeKernel.at(root.resolve(name));
        kernel.tpm("tpmrm0", tpm);
        return new Vm(kernel, tpm, new Platform(kernel, HostPaths.fromSystemProperties(), Map.of()), hcl, pcrs);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String standInVcekPem() throws Exception {
        return TestCertificates.selfSignedServer().pem();
    }

    private static byte[] der(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).getEncoded();
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

    @Test
    void snpEvidenceCarriesTheHclReportQuoteAndVcek() throws Exception {
        Vm vm = vm(SyntheticHclReport.TYPE_SNP);
        byte[] reportData = HashAlgorithm.SHA384.digest("runtime data".getBytes(StandardCharsets.UTF_8));
        String vcekPem = standInVcekPem();
        try (FakeAzureImds imds = new FakeAzureImds(vcekPem, new byte[0])) {
            JsonNode evidence = AzSnpVtpmAttester.open(vm.platform(), new AzureImds(imds.url())).evidence(reportData);

            assertThat(evidence.get("version").asInt()).isEqualTo(2);
            // the quote, PCRs and signature are the vTPM's bytes, hex as upstream's evidence has them
            JsonNode quote = evidence.get("tpm_quote");
            assertThat(quote.propertyNames()).containsExactlyInAnyOrder("signature", "message", "pcrs");
            List<String> pcrs = new ArrayList<>();
            quote.get("pcrs").forEach(p -> pcrs.add(p.asString()));
            assertThat(pcrs).isEqualTo(vm.pcrs().stream().map(Hex::of).toList());
            String hcl = evidence.get("hcl_report").asString();
            assertThat(hcl).endsWith("=").doesNotContain("+", "/");
            assertThat(Base64.getUrlDecoder().decode(hcl)).isEqualTo(vm.hcl());
            byte[] vcek = Base64.getUrlDecoder().decode(evidence.get("vcek").asString());
            assertThat(vcek).isEqualTo(der(vcekPem));
        }
        // the agent asked for a fresh HCL report with the report data as user data, and a quote with it as nonce
        assertThat(vm.tpm().nvData(0x01400002)).isEqualTo(Arrays.copyOf(reportData, 64));
        FakeTpmDevice.QuoteRequest quote = vm.tpm().quotes().getFirst();
        assertThat(quote.qualifyingData()).isEqualTo(reportData);
        assertThat(quote.signHandle()).isEqualTo(AK_HANDLE);
        assertThat(quote.scheme()).isEqualTo(0x0010);
        assertThat(quote.pcrSelect()).containsExactly(0xFF, 0xFF, 0xFF);
    }

    @Test
    void theTransportedQuoteVerifiesWithTheAkAndTheHclBindsItsVariableData() throws Exception {
        Vm vm = vm(SyntheticHclReport.TYPE_SNP);
        JsonNode evidence;
        try (FakeAzureImds imds = new FakeAzureImds(standInVcekPem(), new byte[0])) {
            evidence = AzSnpVtpmAttester.open(vm.platform(), new AzureImds(imds.url())).evidence(new byte[32]);
        }
        assertQuoteAndBinding(evidence);
    }

    /** The quote verifies with the AK that the HCL report carries, and the SNP report binds the variable data. */
    private static void assertQuoteAndBinding(JsonNode evidence) throws Exception {
        HclReport hcl = HclReport.parse(Base64.getUrlDecoder().decode(evidence.get("hcl_report").asString()));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(akFromHcl(hcl.bytes()));
        rsa.update(Hex.parse(evidence.at("/tpm_quote/message").asString()));
        assertThat(rsa.verify(Hex.parse(evidence.at("/tpm_quote/signature").asString()))).isTrue();
        // Azure's rule: SNP report_data[0:32] = SHA-256(var_data)
        byte[] reportData = Arrays.copyOfRange(hcl.hardwareReport(), 0x50, 0x70);
        assertThat(reportData).isEqualTo(MessageDigest.getInstance("SHA-256").digest(hcl.variableData()));
        assertThat(hcl.reportType()).isEqualTo(HclReport.TYPE_SNP);
    }

    @Test
    void tdxEvidenceGetsItsTdQuoteFromImdsForTheHclTdReport() throws Exception {
        Vm vm = vm(SyntheticHclReport.TYPE_TDX);
        byte[] tdQuote = SyntheticQuotes.tdxV4(new byte[48], Arrays.copyOf(MessageDigest.getInstance("SHA-256")
                .digest(SyntheticHclReport.variableData(vm.hcl())), 64));
        try (FakeAzureImds imds = new FakeAzureImds(standInVcekPem(), tdQuote)) {
            JsonNode evidence = AzTdxVtpmAttester.open(vm.platform(), new AzureImds(imds.url()))
                    .evidence(new byte[48]);

            assertThat(evidence.get("version").asInt()).isEqualTo(2);
            assertThat(evidence.at("/tpm_quote/pcrs")).hasSize(24);
            assertThat(Base64.getUrlDecoder().decode(evidence.get("td_quote").asString())).isEqualTo(tdQuote);
            // IMDS was sent the TDREPORT: the HCL report's first 1024 bytes after its header
            assertThat(imds.tdReports()).singleElement().isEqualTo(Arrays.copyOfRange(vm.hcl(), 32, 32 + 1024));
        }
    }

    /** The same on the real HCL reports, AKs, quotes, VCEK and TD quote of Azure CVMs (trustee's test data). */
    @Nested
    @RealEvidence
    class OnRealEvidence {

        private Vm realVm(String dir) throws Exception {
            byte[] hcl = Corpus.bytes(dir + "/trustee_hcl-report.bin");
            JsonNode quote = Json.tree(Corpus.text(dir + "/trustee_tpm-quote-v1.json"));
            List<byte[]> pcrs = new ArrayList<>();
            quote.get("pcrs").forEach(p -> pcrs.add(Hex.parse(p.asString())));
            FakeTpmDevice tpm = new FakeTpmDevice()
                    .nvIndex(0x01400001, 0x00060006, hcl)
                    .key(AK_HANDLE, akFromHcl(hcl))
                    .quoteAnswer(Hex.parse(quote.get("message").asString()),
                            FakeTpmDevice.rsassaSignature(Hex.parse(quote.get("signature").asString())))
                    .pcrs(pcrs);
            return boot("real-" + dir, tpm, hcl, pcrs);
        }

        private static String vcekPem() {
            String bundle = Corpus.text("az-snp-vtpm/trustee_vcek.pem");
            return bundle.substring(0, bundle.indexOf("-----END CERTIFICATE-----") + 25);
        }

        @Test
        void snpEvidenceCarriesTheRealHclReportQuoteAndVcek() throws Exception {
            Vm vm = realVm("az-snp-vtpm");
            try (FakeAzureImds imds = new FakeAzureImds(vcekPem(), new byte[0])) {
                JsonNode evidence = AzSnpVtpmAttester.open(vm.platform(), new AzureImds(imds.url()))
                        .evidence(new byte[32]);

                assertThat(evidence.get("tpm_quote")).isEqualTo(Json.tree(
                        Corpus.text("az-snp-vtpm/trustee_tpm-quote-v1.json")));
                assertThat(Base64.getUrlDecoder().decode(evidence.get("hcl_report").asString())).isEqualTo(vm.hcl());
                assertThat(Base64.getUrlDecoder().decode(evidence.get("vcek").asString())).isEqualTo(der(vcekPem()));
                assertQuoteAndBinding(evidence);
            }
        }

        @Test
        void tdxEvidenceGetsTheRealTdQuoteForTheRealHclTdReport() throws Exception {
            Vm vm = realVm("az-tdx-vtpm");
            byte[] tdQuote = Corpus.bytes("az-tdx-vtpm/trustee_td-quote.bin");
            try (FakeAzureImds imds = new FakeAzureImds(vcekPem(), tdQuote)) {
                JsonNode evidence = AzTdxVtpmAttester.open(vm.platform(), new AzureImds(imds.url()))
                        .evidence(new byte[48]);

                assertThat(evidence.get("tpm_quote")).isEqualTo(Json.tree(
                        Corpus.text("az-tdx-vtpm/trustee_tpm-quote-v1.json")));
                assertThat(Base64.getUrlDecoder().decode(evidence.get("td_quote").asString())).isEqualTo(tdQuote);
                assertThat(imds.tdReports()).singleElement().isEqualTo(Arrays.copyOfRange(vm.hcl(), 32, 32 + 1024));
            }
            // Azure's rule: TD quote report_data[0:32] = SHA-256(HCL var_data)
            assertThat(Arrays.copyOf(TdQuoteBody.parse(tdQuote).reportData(), 32)).isEqualTo(
                    MessageDigest.getInstance("SHA-256").digest(HclReport.parse(vm.hcl()).variableData()));
        }

        @Test
        void detectionReadsTheRealHclReportType() throws Exception {
            assertThat(AzureIsolation.detect(realVm("az-snp-vtpm").platform())).contains(Tee.AZ_SNP_VTPM);
            assertThat(AzureIsolation.detect(realVm("az-tdx-vtpm").platform())).contains(Tee.AZ_TDX_VTPM);
        }
    }

    @Test
    void theWrongFlavourOrAMissingImdsIsAClearError() throws Exception {
        Vm vm = vm(SyntheticHclReport.TYPE_TDX);
        assertThatThrownBy(() -> AzSnpVtpmAttester.open(vm.platform(), new AzureImds(java.net.URI.create(
                "http://127.0.0.1:9"))).evidence(new byte[0])).hasMessageContaining("not an SNP one");
        Vm snp = vm(SyntheticHclReport.TYPE_SNP);
        assertThatThrownBy(() -> AzSnpVtpmAttester.open(snp.platform(), new AzureImds(java.net.URI.create(
                "http://127.0.0.1:9"))).evidence(new byte[0])).hasMessageContaining("Azure IMDS");
        assertThatThrownBy(() -> AzSnpVtpmAttester.open(snp.platform(), null).evidence(new byte[65]))
                .hasMessageContaining("at most 64 bytes");
    }

    @Test
    void detectionReadsTheHclReportType() throws Exception {
        assertThat(AzureIsolation.detect(vm(SyntheticHclReport.TYPE_SNP).platform())).contains(Tee.AZ_SNP_VTPM);
        assertThat(AzureIsolation.detect(vm(SyntheticHclReport.TYPE_TDX).platform())).contains(Tee.AZ_TDX_VTPM);
        FakeKernel plainTpm = FakeKernel.at(root.resolve("plain"));
        plainTpm.tpm("tpmrm0", new FakeTpmDevice());
        assertThat(AzureIsolation.detect(new Platform(plainTpm, HostPaths.fromSystemProperties(), Map.of())))
                .isEmpty();
    }

    @Test
    void initDataIsExtendedIntoPcr8AndOnlyASha256DigestFits() throws Exception {
        Vm vm = vm(SyntheticHclReport.TYPE_SNP);
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
        Vm vm = vm(SyntheticHclReport.TYPE_TDX);
        MeasurementRegister register = AzTdxVtpmAttester.open(vm.platform(), null).measurementRegister().orElseThrow();
        byte[] digest = HashAlgorithm.SHA256.digest(new byte[] {1});

        register.extend(17, digest);

        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(vm.pcrs().get(17));
        sha256.update(digest);
        assertThat(register.read(17)).isEqualTo(sha256.digest());
        assertThat(register.eventLogIndex(17)).isEqualTo(17);
        assertThatThrownBy(() -> register.extend(24, digest)).hasMessageContaining("0..23");
        assertThatThrownBy(() -> register.extend(17, new byte[48])).hasMessageContaining("32-byte");
    }
}
