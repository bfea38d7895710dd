package dev.arca.csv;

import dev.arca.csv.report.CsvReport;
import dev.arca.tpm.eventlog.TcgEventLog;
import java.util.Optional;

/**
 * A CSV report whose chain to the pinned HRK, signature, report-data binding and (version 2) event log were
 * verified.
 *
 * @param report   the report
 * @param chipId   the chip id the evidence named, whose CEK signed the PEK
 * @param eventLog the CC event log that replayed to the report's RTMRs (version 2 with a log only)
 */
public record VerifiedCsvReport(CsvReport report, String chipId, Optional<TcgEventLog> eventLog) {
}
