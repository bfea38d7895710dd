package dev.arca.snp.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.testpki.SnpReportBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportParserTest {

    @Test
    void readsEveryFieldAtItsAbiOffset() throws Exception {
        byte[] bytes = new SnpReportBuilder().version(5).guestSvn(7).policy(0x1f001fL).vmpl(2).platformInfo(0x25)
                .flags(true, true, SigningKey.VLEK).reportData(new byte[] {1}).measurement(new byte[] {2})
                .hostData(new byte[] {3}).cpuid(0x1A, 0x02, 0x01).chipId(new byte[] {4}).unsigned();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1F8, 0x11).putLong(0x200, 0x22);

        AttestationReport report = ReportParser.parse(bytes);

        assertThat(report.version()).isEqualTo(5);
        assertThat(report.guestSvn()).isEqualTo(7);
        assertThat(report.policy().abiMinor()).isEqualTo(0x1f);
        assertThat(report.policy().abiMajor()).isZero();
        assertThat(report.policy().smtAllowed()).isTrue();
        assertThat(report.policy().migrateMa()).isTrue();
        assertThat(report.policy().debugAllowed()).isTrue();
        assertThat(report.policy().singleSocket()).isTrue();
        assertThat(report.vmpl()).isEqualTo(2);
        assertThat(report.platformInfo().smtEnabled()).isTrue();
        assertThat(report.platformInfo().tsmeEnabled()).isFalse();
        assertThat(report.platformInfo().eccEnabled()).isTrue();
        assertThat(report.platformInfo().aliasCheckComplete()).isTrue();
        assertThat(report.authorKeyEnabled()).isTrue();
        assertThat(report.maskChipKey()).isTrue();
        assertThat(report.signingKey()).isEqualTo(SigningKey.VLEK);
        assertThat(report.reportData()[0]).isEqualTo((byte) 1);
        assertThat(report.measurement()[0]).isEqualTo((byte) 2);
        assertThat(report.hostData()[0]).isEqualTo((byte) 3);
        assertThat(report.chipId()[0]).isEqualTo((byte) 4);
        assertThat(report.cpuid()).contains(new AttestationReport.Cpuid(0x1A, 0x02, 0x01));
        assertThat(report.launchMitigationVector()).contains(0x11L);
        assertThat(report.currentMitigationVector()).contains(0x22L);
        assertThat(report.currentVersion()).isEqualTo(new FirmwareVersion(1, 55, 29));
        assertThat(report.signedBytes()).hasSize(0x2A0);
    }

    @Test
    void aVersion2ReportHasNoCpuidAndNoMitigationVectors() throws Exception {
        AttestationReport report = ReportParser.parse(new SnpReportBuilder().version(2).unsigned());

        assertThat(report.cpuid()).isEmpty();
        assertThat(report.launchMitigationVector()).isEmpty();
    }

    @Test
    void tcbVersionsAreDecodedInTheirGenerationsByteOrder() {
        long raw = 0x7300000000000803L | 0x0100L << 8 * 2;
        TcbVersion milan = TcbVersion.decode(0x7308000000000003L, ProcessorGeneration.MILAN);
        assertThat(new int[] {milan.bootloader(), milan.tee(), milan.snp(), milan.microcode()})
                .containsExactly(3, 0, 8, 0x73);
        TcbVersion turin = TcbVersion.decode(0x0900000018000401L, ProcessorGeneration.TURIN);
        assertThat(new int[] {turin.fmc(), turin.bootloader(), turin.tee(), turin.snp(), turin.microcode()})
                .containsExactly(1, 4, 0, 0x18, 9);
        assertThat(TcbVersion.of(ProcessorGeneration.TURIN, 1, 4, 0, 0x18, 9).raw()).isEqualTo(0x0900000018000401L);
        assertThat(TcbVersion.of(ProcessorGeneration.GENOA, 0, 3, 0, 8, 0x73).raw()).isEqualTo(0x7308000000000003L);
        assertThat(turin.filePrefix()).isEqualTo("bl04_tee00_snp24_ucode09_fmc01");
        assertThat(raw).isNotZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6, 0x7FFFFFFF, -1})
    void unknownVersionsAreRefused(int version) {
        assertThatThrownBy(() -> ReportParser.parse(new SnpReportBuilder().version(version).unsigned()))
                .isInstanceOfSatisfying(ReportFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .hasMessageContaining("version");
    }

    @Test
    void strictOnSizeAlgorithmVmplSigningKeyAndTheUnsignedTail() {
        assertThatThrownBy(() -> ReportParser.parse(new byte[1183])).hasMessageContaining("1184 bytes");
        assertThatThrownBy(() -> ReportParser.parse(null)).isInstanceOf(ReportFormatException.class);
        assertThatThrownBy(() -> ReportParser.parse(new SnpReportBuilder().signatureAlgorithm(2).unsigned()))
                .hasMessageContaining("signature algorithm");
        assertThatThrownBy(() -> ReportParser.parse(new SnpReportBuilder().vmpl(4).unsigned()))
                .hasMessageContaining("VMPL");
        assertThatThrownBy(() -> ReportParser.parse(new SnpReportBuilder().set(0x48, (byte) (7 << 2)).unsigned()))
                .hasMessageContaining("signing key");
        assertThatThrownBy(() -> ReportParser.parse(new SnpReportBuilder().set(0x49F, (byte) 1).unsigned()))
                .hasMessageContaining("0x49f");
    }
}
