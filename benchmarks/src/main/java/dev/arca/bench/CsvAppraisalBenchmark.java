package dev.arca.bench;

import dev.arca.csv.CsvEvidenceJson;
import dev.arca.csv.CsvReportVerifier;
import dev.arca.csv.VerifiedCsvReport;
import dev.arca.csv.cert.HygonCertificateChain;
import dev.arca.csv.testpki.SyntheticCcEventLog;
import dev.arca.csv.testpki.SyntheticCsvEvidence;
import dev.arca.csv.testpki.SyntheticCsvReport;
import dev.arca.csv.testpki.TestHygonPki;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
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
 * Hygon CSV evidence appraised end to end by hygon-csv (the attester's JSON rebuilt into certificates and report,
 * CEK → PEK and PEK → report SM2/SM3 signatures, report data, a five-event CC event log replayed with SM3) — next to
 * its floor in the same run, one SM2/SM3 verify with Bouncy Castle over as many bytes as a version-2 report signs.
 * {@code csvEvidence} is the steady state (the HRK and the chip's HSK and CEK verified once and remembered, as the AS
 * runs: two SM2 verifications per report); {@code csvEvidenceColdChain} verifies all five links every time. The
 * evidence is signed by a test Hygon PKI made at setup: Trustee's real CSV evidence cannot be appraised offline (its
 * HSK and CEK come from Hygon's KDS).
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar CsvAppraisal -t 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CsvAppraisalBenchmark {

    private static final byte[] REPORT_DATA = new byte[48];

    private TestHygonPki pki;
    private CsvReportVerifier verifier;
    private JsonNode evidence;
    private AsymmetricCipherKeyPair sm2;
    private byte[] message;
    private byte[] signatureDer;
    private byte[] userId;

    @Setup
    public void setUp() throws Exception {
        pki = TestHygonPki.create();
        verifier = new CsvReportVerifier(new HygonCertificateChain(pki.hrkSha256()), pki.source());
        SyntheticCcEventLog log = SyntheticCcEventLog.typicalBoot();
        evidence = Json.tree(Json.write(SyntheticCsvEvidence.json(pki,
                SyntheticCsvReport.v2().reportData(REPORT_DATA).rtmrsOf(log), true, log.bytes())));
        csvEvidence();

        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(new ECDomainParameters(GMNamedCurves.getByName("sm2p256v1")),
                new SecureRandom()));
        sm2 = generator.generateKeyPair();
        message = new byte[1024];
        userId = "HYGON-SSD-PEK".getBytes(StandardCharsets.US_ASCII);
        SM2Signer signer = new SM2Signer(new SM3Digest());
        signer.init(true, new ParametersWithID(new ParametersWithRandom(sm2.getPrivate(), new SecureRandom()),
                userId));
        signer.update(message, 0, message.length);
        signatureDer = signer.generateSignature();
        if (!sm2Verify()) {
            throw new IllegalStateException("the floor's signature does not verify");
        }
    }

    @Benchmark
    public VerifiedCsvReport csvEvidence() throws Exception {
        return verifier.verify(CsvEvidenceJson.parse(evidence), Optional.of(REPORT_DATA));
    }

    @Benchmark
    public VerifiedCsvReport csvEvidenceColdChain() throws Exception {
        return new CsvReportVerifier(new HygonCertificateChain(pki.hrkSha256()), pki.source())
                .verify(CsvEvidenceJson.parse(evidence), Optional.of(REPORT_DATA));
    }

    /** The floor: one SM2/SM3 verify (user id in Z_A) of as many bytes as a version-2 report signs. */
    @Benchmark
    public boolean sm2Verify() {
        SM2Signer verifier = new SM2Signer(new SM3Digest());
        verifier.init(false, new ParametersWithID(sm2.getPublic(), userId));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signatureDer);
    }
}
