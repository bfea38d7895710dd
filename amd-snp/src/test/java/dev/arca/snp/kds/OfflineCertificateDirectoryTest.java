package dev.arca.snp.kds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpExpectations;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.SnpVerifier;
import dev.arca.snp.SnpVerifierOptions;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.testpki.AmdTestPki;
import dev.arca.snp.testpki.SyntheticSnp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineCertificateDirectoryTest {

    private static final AmdTestPki PKI = new AmdTestPki();

    @Test
    void servesVceksChainsAndCrlsFromTheDocumentedLayout(@TempDir Path dir) throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.GENOA);
        KdsRequest.Vcek vcek = chip.vcekRequest();
        Path chipDir = Files.createDirectories(dir.resolve("vcek").resolve(vcek.hwIdHex()));
        Files.write(chipDir.resolve(vcek.tcb().filePrefix() + "_vcek.der"), chip.vcek().der());
        Files.createDirectories(dir.resolve("Genoa"));
        Files.write(dir.resolve("Genoa/cert_chain.pem"), PKI.certChainPem(ProcessorGeneration.GENOA,
                SigningKey.VCEK));
        OfflineCertificateDirectory offline = new OfflineCertificateDirectory(dir);

        SnpVerifier verifier = SnpVerifier.forSource(offline, PKI.roots(), SnpVerifierOptions.defaults());
        assertThat(verifier.verify(chip.signedByVcek(chip.report()), List.of(), SnpExpectations.none(),
                AmdTestPki.AT).generation()).isEqualTo(ProcessorGeneration.GENOA);

        assertThatThrownBy(() -> offline.fetch(new KdsRequest.Crl(ProcessorGeneration.GENOA, SigningKey.VCEK)))
                .isInstanceOfSatisfying(SnpVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CERTIFICATES_UNAVAILABLE))
                .hasMessageContaining("crl.der");
    }

    @Test
    void fallsBackToTheChipsVcekWhateverItsTcb(@TempDir Path dir) throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        Path chipDir = Files.createDirectories(dir.resolve("vcek").resolve(chip.vcekRequest().hwIdHex()));
        Files.write(chipDir.resolve("vcek.der"), chip.vcek().der());

        assertThat(new OfflineCertificateDirectory(dir).fetch(chip.vcekRequest())).isEqualTo(chip.vcek().der());
    }

    @Test
    void firstOfAsksEachSourceInTurn(@TempDir Path dir) throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        CertificateSource both = CertificateSource.firstOf(List.of(new OfflineCertificateDirectory(dir),
                chip.kds()));

        assertThat(both.fetch(chip.vcekRequest())).isEqualTo(chip.vcek().der());
        assertThatThrownBy(() -> CertificateSource.firstOf(List.of(new OfflineCertificateDirectory(dir),
                CertificateSource.none())).fetch(chip.vcekRequest()))
                .hasMessageContaining("offline AMD certificate directory").hasMessageContaining("no AMD certificate"
                        + " source");
    }
}
