package dev.arca.snp.report;

import dev.arca.snp.ProcessorGeneration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A parsed SEV-SNP ATTESTATION_REPORT (AMD SEV-SNP Firmware ABI, pub. 56860, "ATTESTATION_REPORT Structure"),
 * versions 2 to 5. TCB fields are kept raw: their byte order depends on the processor generation, which a v2 report
 * does not name ({@link #reportedTcb(ProcessorGeneration)}). Byte arrays are copies.
 *
 * @param bytes the 1184 bytes as received; {@link #signedBytes()} is their first 0x2A0
 */
public record AttestationReport(
        byte[] bytes,
        int version,
        long guestSvn,
        GuestPolicy policy,
        byte[] familyId,
        byte[] imageId,
        int vmpl,
        int signatureAlgorithm,
        long currentTcbRaw,
        PlatformInfo platformInfo,
        boolean authorKeyEnabled,
        boolean maskChipKey,
        SigningKey signingKey,
        byte[] reportData,
        byte[] measurement,
        byte[] hostData,
        byte[] idKeyDigest,
        byte[] authorKeyDigest,
        byte[] reportId,
        byte[] reportIdMa,
        long reportedTcbRaw,
        Optional<Cpuid> cpuid,
        byte[] chipId,
        long committedTcbRaw,
        FirmwareVersion currentVersion,
        FirmwareVersion committedVersion,
        long launchTcbRaw,
        Optional<Long> launchMitigationVector,
        Optional<Long> currentMitigationVector,
        byte[] signatureR,
        byte[] signatureS) {

    /** The size of every report version (ABI spec: the structure is 0x4A0 bytes). */
    public static final int SIZE = 0x4A0;
    /** The signature covers bytes 0x000–0x29F. */
    public static final int SIGNED_LENGTH = 0x2A0;

    /** CPUID_FAM_ID, CPUID_MOD_ID, CPUID_STEP (report v3 and later). */
    public record Cpuid(int family, int model, int stepping) {
    }

    /** The bytes the VCEK/VLEK signed. */
    public byte[] signedBytes() {
        return Arrays.copyOf(bytes, SIGNED_LENGTH);
    }

    public TcbVersion reportedTcb(ProcessorGeneration generation) {
        return TcbVersion.decode(reportedTcbRaw, generation);
    }

    public TcbVersion currentTcb(ProcessorGeneration generation) {
        return TcbVersion.decode(currentTcbRaw, generation);
    }

    public TcbVersion committedTcb(ProcessorGeneration generation) {
        return TcbVersion.decode(committedTcbRaw, generation);
    }

    public TcbVersion launchTcb(ProcessorGeneration generation) {
        return TcbVersion.decode(launchTcbRaw, generation);
    }

    /** True when the chip id is all zeros (MASK_CHIP_ID set at launch, or a VLEK-signed report). */
    public boolean chipIdMasked() {
        for (byte b : chipId) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttestationReport that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "AttestationReport[v" + version + ", vmpl " + vmpl + ", " + signingKey + "]";
    }
}
