package dev.arca.csv.kds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.csv.CsvVerificationException;
import dev.arca.csv.CsvVerificationException.Reason;
import dev.arca.csv.testpki.TestHygonPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KDS client against a fake Hygon KDS, and the offline folder. */
class HygonKdsClientTest {

    private static final TestHygonPki PKI = TestHygonPki.create();

    private FakeHygonKds kds;
    private HygonKdsClient client;

    @BeforeEach
    void start() throws Exception {
        kds = new FakeHygonKds().serveHrk(PKI.hrk()).serveHskCek(TestHygonPki.CHIP_ID, PKI.hskCek());
        client = new HygonKdsClient(kds.url(), Duration.ofSeconds(2), Duration.ofMillis(500), 8192);
    }

    @AfterEach
    void stop() {
        kds.close();
    }

    private static void unavailable(ThrowingCall call, boolean unknown, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CsvVerificationException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CERTIFICATES_UNAVAILABLE);
            assertThat(e.isUnknownToSource()).isEqualTo(unknown);
            assertThat(e.getMessage()).contains(message);
        });
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void servesTheHrkAndAChipsHskAndCek() throws Exception {
        assertThat(client.hrk()).isEqualTo(PKI.hrk());
        assertThat(client.hskCek(TestHygonPki.CHIP_ID)).isEqualTo(PKI.hskCek());
        assertThat(kds.requests()).isEqualTo(2);
    }

    @Test
    void unknownChipIsUnknownToTheSource() {
        unavailable(() -> client.hskCek("OTHERCHIP"), true, "HTTP 404");
    }

    @Test
    void kdsDownIsUnavailable() {
        kds.failWith(503);
        unavailable(client::hrk, false, "HTTP 503");
        kds.close();
        unavailable(() -> client.hskCek(TestHygonPki.CHIP_ID), false, "unreachable");
    }

    @Test
    void aKdsThatDoesNotAnswerInTimeIsUnavailable() {
        kds.stall(2_000);
        unavailable(client::hrk, false, "in time");
    }

    @Test
    void oversizedAnswersAreNotRead() {
        kds.serveHskCek(TestHygonPki.CHIP_ID, new byte[9000]);
        unavailable(() -> client.hskCek(TestHygonPki.CHIP_ID), false, "exceeds 8192 bytes");
    }

    @Test
    void chipIdsThatAreNotOneSafeTokenAreNeverSent() {
        assertThatThrownBy(() -> client.hskCek("A&snumber=B")).isInstanceOfSatisfying(CsvVerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.FORMAT));
        assertThat(kds.requests()).isZero();
    }

    @Test
    void offlineFolderHasTrusteesLayout(@TempDir Path folder) throws Exception {
        Files.write(folder.resolve("hrk.cert"), PKI.hrk());
        Path chip = Files.createDirectories(folder.resolve("hsk_cek").resolve(TestHygonPki.CHIP_ID));
        Files.write(chip.resolve("hsk_cek.cert"), PKI.hskCek());
        OfflineHygonCertificates offline = new OfflineHygonCertificates(folder);

        assertThat(offline.hrk()).isEqualTo(PKI.hrk());
        assertThat(offline.hskCek(TestHygonPki.CHIP_ID)).isEqualTo(PKI.hskCek());
        unavailable(() -> offline.hskCek("OTHERCHIP"), true, "no ");
        assertThatThrownBy(() -> offline.hskCek("..")).isInstanceOf(CsvVerificationException.class);
    }

    @Test
    void baseUrlWithATrailingSlashIsJoinedOnce() throws Exception {
        HygonKdsClient slash = new HygonKdsClient(URI.create(kds.url() + "/"), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 8192);

        assertThat(slash.hrk()).isEqualTo(PKI.hrk());
    }
}
