package dev.arca.attestation.verifier.azure;

import dev.arca.snp.CertTableEntry;
import dev.arca.snp.SnpExpectations;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationResult;
import dev.arca.snp.SnpVerifier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The SNP report inside an Azure HCL report, verified by amd-snp: the VCEK the evidence carries, chained to AMD's
 * pinned ARK through the ASK from the configured certificate source, the report's signature, chip id and reported TCB
 * against the VCEK, and VMPL 0 (the HCL runs there, Trustee az_snp_vtpm). Report data is not compared here: the HCL
 * binds SHA-256 of its variable data, which the caller checks.
 */
public final class AzureSnpReportVerifier {

    private final SnpVerifier snp;

    public AzureSnpReportVerifier(SnpVerifier snp) {
        this.snp = snp;
    }

    SnpVerificationResult verify(byte[] report, byte[] vcekDer, Instant at) throws SnpVerificationException {
        return snp.verify(report, List.of(new CertTableEntry(CertTableEntry.Type.VCEK, vcekDer)),
                new SnpExpectations(Optional.empty(), Optional.empty(), OptionalInt.of(0)), at);
    }
}
