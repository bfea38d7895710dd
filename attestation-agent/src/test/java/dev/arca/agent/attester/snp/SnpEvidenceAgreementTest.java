package dev.arca.agent.attester.snp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.report.SevReportJson;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import dev.arca.snp.testpki.AmdTestPki;
import dev.arca.snp.testpki.SnpReportBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.PrivateKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The attester's JSON and the verifier's reader agree: what {@link SnpReportJson} writes from a report, amd-snp's
 * {@link SevReportJson} (what the AS's {@code snp} verifier reads) turns back into the very same 1184 bytes, so the
 * signature still verifies — for every generation, report versions 2, 3 and 5, VCEK- and VLEK-signed.
 */
class SnpEvidenceAgreementTest {

    private static final PrivateKey KEY = AmdTestPki.ec384().getPrivate();

    @ParameterizedTest
    @EnumSource(ProcessorGeneration.class)
    void theVerifierRebuildsTheExactReportTheAttesterDescribes(ProcessorGeneration generation) throws Exception {
        for (int version : new int[] {3, 5}) {
            for (SigningKey key : SigningKey.values()) {
                byte[] report = report(generation, version, key);
                assertThat(SevReportJson.toBytes(SnpReportJson.of(report)))
                        .as("%s v%d %s", generation, version, key).isEqualTo(report);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProcessorGeneration.class, names = {"MILAN", "GENOA"})
    void version2ReportsToo(ProcessorGeneration generation) throws Exception {
        byte[] report = SnpReportBuilder.forGeneration(generation).version(2).chipId(chipId(64))
                .tcb(TcbVersion.of(generation, 0, 3, 0, 8, 115)).signedBy(KEY);

        assertThat(SevReportJson.toBytes(SnpReportJson.of(report))).isEqualTo(report);
    }

    private static byte[] report(ProcessorGeneration generation, int version, SigningKey key) {
        SnpReportBuilder builder = SnpReportBuilder.forGeneration(generation).version(version).guestSvn(9)
                .policy(0x1f0000L | 0x0103).vmpl(0).platformInfo(0x27).flags(true, false, key)
                .reportData(chipId(64)).measurement(chipId(48)).hostData(chipId(32))
                .chipId(key == SigningKey.VLEK ? new byte[64] : chipId(generation.hwIdLength()))
                .tcb(TcbVersion.of(generation, 1, 4, 0, 24, 219));
        byte[] bytes = builder.unsigned();
        if (version >= 5) {
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1F8, 0x5L).putLong(0x200, 0x7L);
        }
        SnpReportBuilder withVectors = SnpReportBuilder.forGeneration(generation);
        for (int i = 0; i < bytes.length; i++) {
            withVectors.set(i, bytes[i]);
        }
        return withVectors.signedBy(KEY);
    }

    private static byte[] chipId(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (0x41 + i);
        }
        return bytes;
    }
}
