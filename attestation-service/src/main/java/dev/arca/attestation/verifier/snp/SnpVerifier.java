package dev.arca.attestation.verifier.snp;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.model.tee.Tee;
import dev.arca.snp.SnpExpectations;
import dev.arca.snp.claims.SnpClaims;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * AMD SEV-SNP (Trustee snp verifier): the report is verified in pure Java by amd-snp (the VCEK/VLEK from the
 * evidence or the KDS, its RSA-PSS chain to the pinned ARK of the report's generation, validity and CRL at the
 * verification time, chip id and reported TCB against the VCEK, the ECDSA P-384 signature), then bound: VMPL as
 * configured (0, as upstream), report data regularize(·, 64), init-data regularize(·, 32) with HOST_DATA. The claims
 * are upstream's, under {@code snp}; device class {@code cpu}.
 */
@Component
public class SnpVerifier implements Verifier {

    private final AmdSnp amd;
    private final OptionalInt vmpl;

    public SnpVerifier(AmdSnp amd, AmdProperties properties) {
        this.amd = amd;
        this.vmpl = properties.vmpl() < 0 ? OptionalInt.empty() : OptionalInt.of(properties.vmpl());
    }

    @Override
    public Tee tee() {
        return Tee.SNP;
    }

    @Override
    public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
        SnpEvidence snp = SnpEvidence.parse(evidence);
        SnpExpectations expectations = new SnpExpectations(expectedReportData, expectedInitDataDigest, vmpl);
        return List.of(new DeviceClaims(SnpClaims.build(amd.verify(snp.report(), snp.certificates(), expectations,
                verificationTime)), Tee.SNP.deviceClass()));
    }
}
