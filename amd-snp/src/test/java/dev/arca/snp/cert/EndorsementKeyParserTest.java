package dev.arca.snp.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import dev.arca.snp.testpki.AmdTestPki;
import dev.arca.snp.testpki.EndorsementProfile;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EndorsementKeyParserTest {

    private static final AmdTestPki PKI = new AmdTestPki();

    @Test
    void readsAVcekWithSerialZero() throws Exception {
        byte[] chipId = new byte[64];
        chipId[0] = 0x42;
        AmdTestPki.IssuedKey vcek = PKI.vcek(ProcessorGeneration.MILAN, chipId,
                TcbVersion.of(ProcessorGeneration.MILAN, 0, 3, 0, 8, 115));

        EndorsementKey key = EndorsementKeyParser.parse(vcek.der());

        assertThat(key.certificate().getSerialNumber()).isEqualTo(BigInteger.ZERO);
        assertThat(key.kind()).isEqualTo(SigningKey.VCEK);
        assertThat(key.productName()).isEqualTo("Milan-B0");
        assertThat(key.generation()).isEqualTo(ProcessorGeneration.MILAN);
        assertThat(key.hwId()).isEqualTo(chipId);
        assertThat(key.cspId()).isEmpty();
        assertThat(key.certifiedTcb().toString()).isEqualTo("bl 3 / tee 0 / snp 8 / ucode 115");
    }

    @Test
    void readsATurinVcekWithAnEightByteHwIdAndFmc() throws Exception {
        byte[] chipId = {1, 2, 3, 4, 5, 6, 7, 8};
        EndorsementKey key = EndorsementKeyParser.parse(PKI.vcek(ProcessorGeneration.TURIN, chipId,
                TcbVersion.of(ProcessorGeneration.TURIN, 2, 1, 0, 3, 9)).der());

        assertThat(key.hwId()).containsExactly(chipId);
        assertThat(key.certifiedTcb().fmc()).isEqualTo(2);
        assertThat(key.structVersion()).isEqualTo(1);
    }

    @Test
    void readsAVlekWithItsCspId() throws Exception {
        EndorsementKey key = EndorsementKeyParser.parse(PKI.vlek(ProcessorGeneration.GENOA,
                TcbVersion.of(ProcessorGeneration.GENOA, 0, 1, 0, 2, 3), "CN=cloud.example").der());

        assertThat(key.kind()).isEqualTo(SigningKey.VLEK);
        assertThat(key.cspId()).contains("CN=cloud.example");
        assertThat(key.hwId()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAnEndorsementKey() {
        AmdTestPki.Hierarchy milan = PKI.hierarchy(ProcessorGeneration.MILAN);
        assertMalformed(() -> EndorsementKeyParser.parse(milan.ask()), "neither a VCEK nor a VLEK");
        assertMalformed(() -> EndorsementKeyParser.parse(new byte[] {0x30, 0x00}), "not a readable");
        assertMalformed(() -> EndorsementKeyParser.parse(new byte[0]), "empty");
        byte[] chipId = new byte[64];
        EndorsementProfile unknown = EndorsementProfile.vcek(ProcessorGeneration.MILAN, chipId,
                TcbVersion.of(ProcessorGeneration.MILAN, 0, 1, 1, 1, 1)).withProductName("Naples");
        assertMalformed(() -> EndorsementKeyParser.parse(AmdTestPki.issue(milan, SigningKey.VCEK, unknown).der()),
                "unknown product 'Naples'");
        // a Milan-named certificate with a Turin-sized hwID
        EndorsementProfile shortHwId = new EndorsementProfile(SigningKey.VCEK, "SEV-VCEK", "Milan-B0", 0,
                TcbVersion.of(ProcessorGeneration.MILAN, 0, 1, 1, 1, 1), new byte[8], false, null,
                AmdTestPki.NOT_BEFORE, AmdTestPki.NOT_AFTER);
        assertMalformed(() -> EndorsementKeyParser.parse(AmdTestPki.issue(milan, SigningKey.VCEK, shortHwId).der()),
                "hwID");
        // a VCEK without a hwID
        EndorsementProfile noHwId = new EndorsementProfile(SigningKey.VCEK, "SEV-VCEK", "Milan-B0", 0,
                TcbVersion.of(ProcessorGeneration.MILAN, 0, 1, 1, 1, 1), null, false, null, AmdTestPki.NOT_BEFORE,
                AmdTestPki.NOT_AFTER);
        assertMalformed(() -> EndorsementKeyParser.parse(AmdTestPki.issue(milan, SigningKey.VCEK, noHwId).der()),
                "lacks the hwID");
    }

    private static void assertMalformed(ThrowingCall call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SnpVerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED)).hasMessageContaining(message);
    }

    @FunctionalInterface
    private interface ThrowingCall {
        Object run() throws Exception;
    }
}
