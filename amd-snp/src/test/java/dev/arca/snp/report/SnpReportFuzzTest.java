package dev.arca.snp.report;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.model.json.Json;
import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpVerificationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzes the SEV-SNP report readers (docs/fuzzing.md): the 1184-byte ATTESTATION_REPORT with every TCB decoded for
 * every generation, and the sev crate's JSON form rebuilt into bytes and parsed. Each input is read or refused with
 * {@link ReportFormatException} (or, for the processor name, {@link SnpVerificationException}); anything else that
 * escapes is a finding.
 */
class SnpReportFuzzTest {

    @FuzzTest
    void report(byte[] bytes) {
        try {
            AttestationReport report = ReportParser.parse(bytes);
            for (ProcessorGeneration generation : ProcessorGeneration.values()) {
                report.reportedTcb(generation).kdsQuery();
                report.launchTcb(generation).filePrefix();
            }
            if (report.cpuid().isPresent()) {
                ProcessorGeneration.fromCpuid(report.cpuid().get().family(), report.cpuid().get().model());
            }
        } catch (SnpVerificationException refused) {
            // typed refusal
        }
    }

    @FuzzTest
    void reportJson(byte[] text) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(text);
        } catch (JacksonException notJson) {
            return; // the AS refuses bodies that are not JSON before any verifier runs
        }
        try {
            ReportParser.parse(SevReportJson.toBytes(json));
        } catch (ReportFormatException refused) {
            // typed refusal
        }
    }
}
