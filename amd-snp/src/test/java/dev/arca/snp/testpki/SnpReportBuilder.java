package dev.arca.snp.testpki;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.report.AttestationReport;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * Builds SEV-SNP ATTESTATION_REPORTs (AMD pub. 56860 layout) and signs them like the AMD-SP does: ECDSA P-384 over
 * SHA-384 of bytes 0x000–0x29F, r and s little-endian in 72-byte fields. Defaults: version 3, a Milan CPUID
 * (family 0x19 model 0x01), policy 0x30000, VMPL 0, VCEK-signed.
 */
public final class SnpReportBuilder {

    private final ByteBuffer report = ByteBuffer.allocate(AttestationReport.SIZE).order(ByteOrder.LITTLE_ENDIAN);

    public SnpReportBuilder() {
        version(3).policy(0x30000).cpuid(0x19, 0x01, 0x01).signatureAlgorithm(1);
        report.put(0x1E8, new byte[] {29, 55, 1});
        report.put(0x1EC, new byte[] {29, 55, 1});
    }

    /** A report for the generation: its CPUID (v3+) and TCB layout. */
    public static SnpReportBuilder forGeneration(ProcessorGeneration generation) {
        SnpReportBuilder builder = new SnpReportBuilder();
        return switch (generation) {
            case MILAN -> builder.cpuid(0x19, 0x01, 0x01);
            case GENOA -> builder.cpuid(0x19, 0x11, 0x01);
            case TURIN -> builder.cpuid(0x1A, 0x02, 0x01);
        };
    }

    public SnpReportBuilder version(int version) {
        report.putInt(0x000, version);
        if (version < 3) {
            report.put(0x188, new byte[3]);
        }
        return this;
    }

    public SnpReportBuilder guestSvn(int svn) {
        report.putInt(0x004, svn);
        return this;
    }

    public SnpReportBuilder policy(long policy) {
        report.putLong(0x008, policy);
        return this;
    }

    public SnpReportBuilder vmpl(int vmpl) {
        report.putInt(0x030, vmpl);
        return this;
    }

    public SnpReportBuilder signatureAlgorithm(int algorithm) {
        report.putInt(0x034, algorithm);
        return this;
    }

    public SnpReportBuilder platformInfo(long info) {
        report.putLong(0x040, info);
        return this;
    }

    /** flags: author_key_en bit 0, mask_chip_key bit 1, signing key bits 2–4. */
    public SnpReportBuilder flags(boolean authorKey, boolean maskChipKey, SigningKey signingKey) {
        report.putInt(0x048, (authorKey ? 1 : 0) | (maskChipKey ? 2 : 0) | (signingKey == SigningKey.VLEK ? 4 : 0));
        return this;
    }

    public SnpReportBuilder signingKey(SigningKey signingKey) {
        return flags(false, false, signingKey);
    }

    public SnpReportBuilder reportData(byte[] data) {
        report.put(0x050, Arrays.copyOf(data, 64));
        return this;
    }

    public SnpReportBuilder measurement(byte[] measurement) {
        report.put(0x090, Arrays.copyOf(measurement, 48));
        return this;
    }

    public SnpReportBuilder hostData(byte[] hostData) {
        report.put(0x0C0, Arrays.copyOf(hostData, 32));
        return this;
    }

    /** Sets current, committed, launch and reported TCB to {@code tcb}. */
    public SnpReportBuilder tcb(TcbVersion tcb) {
        report.putLong(0x038, tcb.raw());
        report.putLong(0x180, tcb.raw());
        report.putLong(0x1E0, tcb.raw());
        report.putLong(0x1F0, tcb.raw());
        return this;
    }

    public SnpReportBuilder reportedTcb(TcbVersion tcb) {
        report.putLong(0x180, tcb.raw());
        return this;
    }

    public SnpReportBuilder cpuid(int family, int model, int stepping) {
        report.put(0x188, (byte) family).put(0x189, (byte) model).put(0x18A, (byte) stepping);
        return this;
    }

    public SnpReportBuilder chipId(byte[] chipId) {
        report.put(0x1A0, Arrays.copyOf(chipId, 64));
        return this;
    }

    /** Any byte, for malformed reports. */
    public SnpReportBuilder set(int offset, byte value) {
        report.put(offset, value);
        return this;
    }

    /** The report, unsigned (zero signature). */
    public byte[] unsigned() {
        return report.array().clone();
    }

    /** The report signed with {@code key} (the VCEK's or VLEK's private key). */
    public byte[] signedBy(PrivateKey key) {
        byte[] bytes = report.array().clone();
        try {
            Signature signature = Signature.getInstance("SHA384withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(bytes, 0, AttestationReport.SIGNED_LENGTH);
            byte[] rs = signature.sign();
            System.arraycopy(littleEndian(Arrays.copyOfRange(rs, 0, 48)), 0, bytes, 0x2A0, 72);
            System.arraycopy(littleEndian(Arrays.copyOfRange(rs, 48, 96)), 0, bytes, 0x2E8, 72);
            return bytes;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] littleEndian(byte[] bigEndian) {
        byte[] out = new byte[72];
        for (int i = 0; i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
