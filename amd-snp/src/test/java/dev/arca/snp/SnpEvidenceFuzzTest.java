package dev.arca.snp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.kds.CertificateSource;
import dev.arca.snp.report.AttestationReport;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the whole verification (docs/fuzzing.md): the first 1184 bytes are the report, the rest the VCEK the
 * evidence carries; no certificate source, AMD's pinned ARKs. Nothing can verify (no input holds AMD's keys), so every
 * input must be refused with a typed reason other than UNEXPECTED; an acceptance or any other exception is a finding.
 */
class SnpEvidenceFuzzTest {

    private static final SnpVerifier VERIFIER = SnpVerifier.forSource(CertificateSource.none());
    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    @FuzzTest
    void evidence(byte[] input) {
        int split = Math.min(input.length, AttestationReport.SIZE);
        byte[] report = Arrays.copyOf(input, split);
        List<CertTableEntry> table = input.length > split
                ? List.of(new CertTableEntry(CertTableEntry.Type.VCEK, Arrays.copyOfRange(input, split, input.length)))
                : List.of();
        try {
            VERIFIER.verify(report, table, SnpExpectations.none(), AT);
            throw new AssertionError("accepted evidence no AMD key signed");
        } catch (SnpVerificationException refused) {
            assertThat(refused.reason()).isNotEqualTo(Reason.UNEXPECTED);
        }
    }
}
