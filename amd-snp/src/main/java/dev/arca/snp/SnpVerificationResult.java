package dev.arca.snp;

import dev.arca.snp.cert.EndorsementKey;
import dev.arca.snp.cert.VerifiedCaChain;
import dev.arca.snp.report.AttestationReport;
import dev.arca.snp.report.TcbVersion;

/**
 * A report that verified: the parsed report, the generation its TCB fields were decoded for, its reported TCB, the
 * VCEK/VLEK that signed it and that key's chain to the pinned ARK.
 */
public record SnpVerificationResult(AttestationReport report, ProcessorGeneration generation,
        TcbVersion reportedTcb, EndorsementKey endorsementKey, VerifiedCaChain chain) {
}
