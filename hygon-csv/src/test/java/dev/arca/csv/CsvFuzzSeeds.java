package dev.arca.csv;

import dev.arca.csv.testpki.SyntheticCcEventLog;
import dev.arca.csv.testpki.SyntheticCsvEvidence;
import dev.arca.csv.testpki.SyntheticCsvReport;
import dev.arca.csv.testpki.TestHygonPki;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the seed corpus of {@link CsvEvidenceFuzzTest} (docs/fuzzing.md "Seeds"): evidence of a throw-away test PKI
 * (v1 with its HSK and CEK, v2 with a CC event log, v2 without HSK and CEK) and the raw reports. SM2 is not in
 * {@code fuzz/make-seeds.py}'s Python toolkit, hence a Java writer:
 * {@code java -cp <hygon-csv test classpath> dev.arca.csv.CsvFuzzSeeds hygon-csv/src/test/resources}.
 */
public final class CsvFuzzSeeds {

    private CsvFuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path inputs = Path.of(args[0]).resolve("dev/arca/csv/CsvEvidenceFuzzTestInputs");
        Path evidence = Files.createDirectories(inputs.resolve("evidence"));
        Path report = Files.createDirectories(inputs.resolve("report"));
        TestHygonPki pki = TestHygonPki.create();
        SyntheticCcEventLog log = SyntheticCcEventLog.typicalBoot();
        SyntheticCsvReport v1 = SyntheticCsvReport.v1().reportData(new byte[32]);
        SyntheticCsvReport v2 = SyntheticCsvReport.v2().reportData(new byte[32]).rtmrsOf(log);
        Files.write(evidence.resolve("v1-with-hsk-cek"), Json.writeBytes(SyntheticCsvEvidence.json(pki, v1, true,
                null)));
        Files.write(evidence.resolve("v2-with-event-log"), Json.writeBytes(SyntheticCsvEvidence.json(pki, v2, true,
                log.bytes())));
        Files.write(evidence.resolve("v2-fetching-hsk-cek"), Json.writeBytes(SyntheticCsvEvidence.json(pki, v2,
                false, null)));
        Files.write(report.resolve("v1"), framed(v1, pki));
        Files.write(report.resolve("v2"), framed(v2, pki));
        byte[] trailing = framed(v2, pki);
        Files.write(report.resolve("v2-trailing-byte"), Arrays.copyOf(trailing, trailing.length + 1));
    }

    private static byte[] framed(SyntheticCsvReport report, TestHygonPki pki) {
        byte[] page = report.page(pki);
        byte[] out = Arrays.copyOf(report.magic(), 20 + page.length);
        out[16] = (byte) report.flags();
        System.arraycopy(page, 0, out, 20, page.length);
        return out;
    }
}
