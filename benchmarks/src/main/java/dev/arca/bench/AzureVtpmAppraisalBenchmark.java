package dev.arca.bench;

import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.snp.CertTableEntry;
import dev.arca.snp.SnpExpectations;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationResult;
import dev.arca.snp.SnpVerifier;
import dev.arca.snp.kds.KdsRequest;
import dev.arca.tpm.azure.AzureVtpmEvidence;
import dev.arca.tpm.azure.AzureVtpmQuote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * An Azure confidential VM's vTPM evidence appraised (Trustee's az-snp-vtpm evidence v1 from the real-evidence corpus)
 * next to the signature verifies it costs, in the same run: the vTPM half ({@code vtpmQuote}: HCL report, AK JWK,
 * TPM quote RSA-2048 PKCS#1 v1.5 verify, nonce, PCR digest), the whole appraisal ({@code azSnpVtpm}: plus the var-data
 * binding and the SNP report's P-384 verify with its VCEK checks, the AMD chain verified once and cached), and the
 * floors {@code rsa2048Verify}, {@code p384Verify} (Bouncy Castle, as amd-snp) and {@code p256Verify} (Bouncy Castle;
 * an az-tdx-vtpm appraisal adds two to the RSA verify: the TD quote's and its QE report's). Expected: azSnpVtpm close
 * to 1 / (1/rsa + 1/p384).
 *
 * <p>{@code ARCA_VECTORS=/path/to/vectors java -jar benchmarks/target/benchmarks.jar AzureVtpmAppraisal -t 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Darca.vectors=../shared/vectors")
public class AzureVtpmAppraisalBenchmark {

    private static final Instant AT = Instant.parse("2025-06-01T00:00:00Z");
    private static final byte[] CHALLENGE = "challenge".getBytes(StandardCharsets.US_ASCII);
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private AzureVtpmEvidence evidence;
    private byte[] vcek;
    private SnpVerifier snp;
    private final byte[] message = "a TPMS_ATTEST or a report stands here".getBytes(StandardCharsets.UTF_8);
    private KeyPair rsa;
    private KeyPair p384;
    private KeyPair p256;
    private byte[] rsaSignature;
    private byte[] p384Signature;
    private byte[] p256Signature;

    @Setup
    public void setUp() throws Exception {
        Path vectors = Vectors.require("AzureVtpmAppraisalBenchmark appraises real Azure evidence");
        JsonNode json = Json.MAPPER.readTree(Files.readString(vectors.resolve("az-snp-vtpm/trustee_evidence-v1.json")));
        List<byte[]> pcrs = new ArrayList<>();
        json.at("/tpm_quote/pcrs").forEach(p -> pcrs.add(Hex.parse(p.stringValue())));
        evidence = new AzureVtpmEvidence(1, Hex.parse(json.at("/tpm_quote/message").stringValue()),
                Hex.parse(json.at("/tpm_quote/signature").stringValue()), pcrs,
                Base64.getUrlDecoder().decode(json.get("hcl_report").stringValue()));
        vcek = Base64.getUrlDecoder().decode(json.get("vcek").stringValue());
        snp = SnpVerifier.forSource(request -> {
            if (request instanceof KdsRequest.CertChain chain) {
                try {
                    return Files.readAllBytes(vectors.resolve("amd-certs/trustee_"
                            + chain.generation().productName().toLowerCase(Locale.ROOT) + "_ask_ark_asvk.pem"));
                } catch (java.io.IOException e) {
                    throw new SnpVerificationException(SnpVerificationException.Reason.CERTIFICATES_UNAVAILABLE,
                            request.path());
                }
            }
            throw new SnpVerificationException(SnpVerificationException.Reason.CERTIFICATES_UNAVAILABLE,
                    request.path());
        });
        azSnpVtpm(); // verifies and caches the AMD chain: the steady state is measured

        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair();
        rsaSignature = sign("SHA256withRSA", rsa, null);
        p384 = ec("secp384r1");
        p384Signature = sign("SHA384withECDSA", p384, BC);
        p256 = ec("secp256r1");
        p256Signature = sign("SHA256withECDSA", p256, BC);
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private byte[] sign(String algorithm, KeyPair keys, java.security.Provider provider) throws Exception {
        Signature signer = provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm,
                provider);
        signer.initSign(keys.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    private boolean verify(String algorithm, KeyPair keys, byte[] signature, java.security.Provider provider)
            throws Exception {
        Signature verifier = provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm,
                provider);
        verifier.initVerify(keys.getPublic());
        verifier.update(message);
        return verifier.verify(signature);
    }

    @Benchmark
    public AzureVtpmQuote vtpmQuote() throws Exception {
        return AzureVtpmQuote.verify(evidence, Optional.of(CHALLENGE), Optional.empty());
    }

    @Benchmark
    public SnpVerificationResult azSnpVtpm() throws Exception {
        AzureVtpmQuote quote = AzureVtpmQuote.verify(evidence, Optional.of(CHALLENGE), Optional.empty());
        quote.hcl().requireBoundBy(quote.hcl().hardwareReportData(), "the SNP report's");
        return snp.verify(quote.hcl().hardwareReport(), List.of(new CertTableEntry(CertTableEntry.Type.VCEK, vcek)),
                new SnpExpectations(Optional.empty(), Optional.empty(), OptionalInt.of(0)), AT);
    }

    @Benchmark
    public boolean rsa2048Verify() throws Exception {
        return verify("SHA256withRSA", rsa, rsaSignature, null);
    }

    @Benchmark
    public boolean p384Verify() throws Exception {
        return verify("SHA384withECDSA", p384, p384Signature, BC);
    }

    @Benchmark
    public boolean p256Verify() throws Exception {
        return verify("SHA256withECDSA", p256, p256Signature, BC);
    }
}
