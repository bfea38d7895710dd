package dev.arca.attestation.verifier.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.TestDatabase;
import dev.arca.attestation.collateral.CollateralProperties;
import dev.arca.attestation.collateral.CollateralProviders;
import dev.arca.attestation.collateral.CollateralStore;
import dev.arca.attestation.collateral.TestCollateral;
import dev.arca.attestation.support.MutableClock;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpExpectations;
import dev.arca.snp.kds.KdsRequest;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.testpki.AmdTestPki;
import dev.arca.snp.testpki.SyntheticSnp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * AMD certificates through the AS collateral chain: fetched from a KDS ({@link FakeAmdKds}, serving a test PKI's
 * VCEK and chains over real HTTP; the AS pins the test ARKs), stored in a real H2 database migrated by the service's
 * Flyway scripts, read back by a restarted service instead of asking the rate-limited KDS again; in offline mode the
 * {@code amd} folder serves and the KDS is not asked.
 */
class KdsCollateralChainTest {

    private static final AmdTestPki PKI = new AmdTestPki();
    private static final SyntheticSnp CHIP = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
    private static final byte[] REPORT = CHIP.signedByVcek(CHIP.report());
    private static final Instant AT = AmdTestPki.AT;

    @TempDir
    Path dir;

    private FakeAmdKds kds;
    private CollateralStore store;
    private final MutableClock clock = new MutableClock();
    private final List<CollateralProviders> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        kds = FakeAmdKds.start()
                .serve(CHIP.vcekRequest(), CHIP.vcek().der())
                .serve(new KdsRequest.CertChain(ProcessorGeneration.MILAN, SigningKey.VCEK),
                        PKI.certChainPem(ProcessorGeneration.MILAN, SigningKey.VCEK));
        DataSource db = TestDatabase.migrated();
        store = new CollateralStore(JdbcClient.create(db));
        clock.fix(AT);
    }

    @AfterEach
    void tearDown() {
        started.forEach(CollateralProviders::close);
        kds.close();
    }

    private AmdSnp start(URI kdsUrl, Path offlineDir) {
        CollateralProperties collateral = TestCollateral.properties(offlineDir, Duration.ofMinutes(1));
        CollateralProviders providers = new CollateralProviders(collateral, store, clock, new SimpleMeterRegistry());
        started.add(providers);
        AmdProperties amd = new AmdProperties(kdsUrl, null, 0, Map.of(
                "milan", AmdTestPki.fingerprint(PKI.hierarchy(ProcessorGeneration.MILAN).ark()),
                "genoa", AmdTestPki.fingerprint(PKI.hierarchy(ProcessorGeneration.GENOA).ark()),
                "turin", AmdTestPki.fingerprint(PKI.hierarchy(ProcessorGeneration.TURIN).ark())));
        return new AmdSnpConfiguration().amdSnp(amd, collateral, providers);
    }

    private static ProcessorGeneration verify(AmdSnp amd) throws VerificationException {
        return amd.verify(REPORT, List.of(), SnpExpectations.none(), AT).generation();
    }

    @Test
    void theVcekAndChainAreFetchedOnceAndARestartedServiceReadsThemFromTheDatabase() throws Exception {
        AmdSnp first = start(kds.baseUrl(), null);

        assertThat(verify(first)).isEqualTo(ProcessorGeneration.MILAN);
        assertThat(kds.requests()).containsExactlyInAnyOrder(CHIP.vcekRequest().path(), "/vcek/v1/Milan/cert_chain",
                "/vcek/v1/Milan/crl");
        for (int i = 0; i < 5; i++) {
            verify(first);
        }
        assertThat(kds.requests()).as("verified certificates are reused").hasSize(3);

        CollateralStore.Row vcek = store.find(KdsDocumentCodec.KIND, new KdsDocumentCodec().keyText(
                CHIP.vcekRequest())).orElseThrow();
        assertThat(vcek.body()).isEqualTo(CHIP.vcek().der());
        assertThat(vcek.nextUpdate()).as("certificates are fetched again after 30 days at most")
                .isEqualTo(AT.plus(Duration.ofDays(30)));

        AmdSnp restarted = start(kds.baseUrl(), null);
        assertThat(verify(restarted)).isEqualTo(ProcessorGeneration.MILAN);
        assertThat(kds.requests()).as("the restarted service asked only for the CRL the KDS did not have")
                .hasSize(4).endsWith("/vcek/v1/Milan/crl");
    }

    @Test
    void theKeysAreKdsPathsTheDatabaseAccepts() {
        KdsDocumentCodec codec = new KdsDocumentCodec();
        String key = codec.keyText(CHIP.vcekRequest());
        assertThat(key).matches("[A-Za-z0-9][A-Za-z0-9._=-]*").hasSizeLessThanOrEqualTo(200)
                .startsWith("vcek.v1.Milan.").endsWith(".blSPL=04.teeSPL=00.snpSPL=24.ucodeSPL=219");
        assertThat(codec.keyText(new KdsRequest.Crl(ProcessorGeneration.TURIN, SigningKey.VLEK)))
                .isEqualTo("vlek.v1.Turin.crl");
    }

    @Test
    void anUnknownChipOrAnUnreachableKdsIsUnavailableNotTheEvidencesFault() {
        SyntheticSnp other = SyntheticSnp.of(PKI, ProcessorGeneration.GENOA);
        byte[] unknown = other.signedByVcek(other.report());
        AmdSnp amd = start(kds.baseUrl(), null);

        assertThatThrownBy(() -> amd.verify(unknown, List.of(), SnpExpectations.none(), AT))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE))
                .hasMessageContaining("404").hasMessageContaining("retry later");

        kds.close();
        AmdSnp down = start(kds.baseUrl(), null);
        assertThatThrownBy(() -> verify(down)).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE));
    }

    @Test
    void offlineTheAmdFolderServesAndTheKdsIsNotAsked() throws Exception {
        Path amd = Files.createDirectories(dir.resolve("offline/amd"));
        Path chipDir = Files.createDirectories(amd.resolve("vcek").resolve(CHIP.vcekRequest().hwIdHex()));
        Files.write(chipDir.resolve("vcek.der"), CHIP.vcek().der());
        Files.createDirectories(amd.resolve("Milan"));
        Files.write(amd.resolve("Milan/cert_chain.pem"), PKI.certChainPem(ProcessorGeneration.MILAN,
                SigningKey.VCEK));

        AmdSnp offline = start(kds.baseUrl(), dir.resolve("offline"));

        assertThat(verify(offline)).isEqualTo(ProcessorGeneration.MILAN);
        assertThat(kds.requests()).isEmpty();
        assertThat(started.getLast().providers()).as("offline: no provider, no database").isEmpty();
    }

    @Test
    void refusalsMapToTheFrameworksFailures() {
        AmdSnp amd = start(kds.baseUrl(), null);
        byte[] flipped = REPORT.clone();
        flipped[0x90] ^= 1;
        assertFailure(() -> amd.verify(flipped, List.of(), SnpExpectations.none(), AT), Failure.SIGNATURE_INVALID,
                "signature");
        assertFailure(() -> amd.verify(new byte[10], List.of(), SnpExpectations.none(), AT),
                Failure.MALFORMED_EVIDENCE, "1184 bytes");
        assertFailure(() -> amd.verify(REPORT, List.of(), SnpExpectations.none(), Instant.parse(
                "2046-01-01T00:00:00Z")), Failure.COLLATERAL_EXPIRED, "verify as of an earlier instant");
        assertFailure(() -> amd.verify(REPORT, List.of(), new SnpExpectations(java.util.Optional.of(new byte[] {1}),
                java.util.Optional.empty(), java.util.OptionalInt.empty()), AT), Failure.REPORT_DATA_MISMATCH,
                "report data");
        assertFailure(() -> amd.verify(REPORT, List.of(), new SnpExpectations(java.util.Optional.empty(),
                java.util.Optional.of(new byte[] {1}), java.util.OptionalInt.empty()), AT),
                Failure.INIT_DATA_MISMATCH, "HOST_DATA");
        byte[] vmpl1 = CHIP.signedByVcek(CHIP.report().vmpl(1));
        assertFailure(() -> amd.verify(vmpl1, List.of(), new SnpExpectations(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.OptionalInt.of(0)), AT), Failure.TCB_REJECTED, "VMPL");
    }

    private static void assertFailure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Failure failure,
            String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.failure()).isEqualTo(failure)).hasMessageContaining(message);
    }
}
