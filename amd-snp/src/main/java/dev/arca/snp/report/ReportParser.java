package dev.arca.snp.report;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads an SEV-SNP ATTESTATION_REPORT (AMD pub. 56860, "ATTESTATION_REPORT Structure"; offsets as in the vectors'
 * MANIFEST). Strict: exactly 0x4A0 bytes, versions 2–5, signature algorithm 1 (ECDSA P-384 with SHA-384), VMPL 0–3, a
 * known signing key, and the unsigned reserved area after the signature (0x330–0x49F) all zero, so no byte of an
 * accepted report escapes the signature. Every integer is little-endian.
 */
public final class ReportParser {

    /** The versions whose layout this parser knows: v2 (no CPUID), v3/v4 (CPUID), v5 (mitigation vectors). */
    public static final int MIN_VERSION = 2;
    public static final int MAX_VERSION = 5;
    /** SIGNATURE_ALGO 1: ECDSA P-384 with SHA-384 (the only one the ABI defines). */
    public static final int ECDSA_P384_SHA384 = 1;

    /** After the signature's r and s (0x2A0 + 2 × 72) the report is reserved to its end, and unsigned. */
    static final int UNSIGNED_RESERVED = 0x330;

    private ReportParser() {
    }

    public static AttestationReport parse(byte[] report) throws ReportFormatException {
        if (report == null) {
            throw new ReportFormatException("no SNP report");
        }
        if (report.length != AttestationReport.SIZE) {
            throw new ReportFormatException("an SNP report is " + AttestationReport.SIZE + " bytes, got "
                    + report.length);
        }
        byte[] bytes = report.clone();
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt(0x000);
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new ReportFormatException("SNP report version " + Integer.toUnsignedString(version)
                    + " is not supported (" + MIN_VERSION + " to " + MAX_VERSION + ")");
        }
        int vmpl = in.getInt(0x030);
        if (vmpl < 0 || vmpl > 3) {
            throw new ReportFormatException("SNP report VMPL " + Integer.toUnsignedString(vmpl) + " is not 0 to 3");
        }
        int signatureAlgorithm = in.getInt(0x034);
        if (signatureAlgorithm != ECDSA_P384_SHA384) {
            throw new ReportFormatException("SNP report signature algorithm " + Integer.toUnsignedString(
                    signatureAlgorithm) + " is not 1 (ECDSA P-384 with SHA-384)");
        }
        for (int i = UNSIGNED_RESERVED; i < AttestationReport.SIZE; i++) {
            if (bytes[i] != 0) {
                throw new ReportFormatException("SNP report byte 0x" + Integer.toHexString(i) + " after the signature"
                        + " is not zero: the reserved area that no signature covers must be empty");
            }
        }
        int flags = in.getInt(0x048);
        int signingKeyCode = flags >>> 2 & 0x7;
        SigningKey signingKey = switch (signingKeyCode) {
            case 0 -> SigningKey.VCEK;
            case 1 -> SigningKey.VLEK;
            default -> throw new ReportFormatException("SNP report signing key " + signingKeyCode
                    + " is neither VCEK (0) nor VLEK (1): the report is unsigned or signed by an unknown key");
        };
        Optional<AttestationReport.Cpuid> cpuid = version >= 3
                ? Optional.of(new AttestationReport.Cpuid(u8(bytes, 0x188), u8(bytes, 0x189), u8(bytes, 0x18A)))
                : Optional.empty();
        Optional<Long> launchMit = version >= 5 ? Optional.of(in.getLong(0x1F8)) : Optional.empty();
        Optional<Long> currentMit = version >= 5 ? Optional.of(in.getLong(0x200)) : Optional.empty();
        return new AttestationReport(bytes, version, Integer.toUnsignedLong(in.getInt(0x004)),
                new GuestPolicy(in.getLong(0x008)), slice(bytes, 0x010, 16), slice(bytes, 0x020, 16), vmpl,
                signatureAlgorithm, in.getLong(0x038), new PlatformInfo(in.getLong(0x040)), (flags & 1) == 1,
                (flags >>> 1 & 1) == 1, signingKey, slice(bytes, 0x050, 64), slice(bytes, 0x090, 48),
                slice(bytes, 0x0C0, 32), slice(bytes, 0x0E0, 48), slice(bytes, 0x110, 48), slice(bytes, 0x140, 32),
                slice(bytes, 0x160, 32), in.getLong(0x180), cpuid, slice(bytes, 0x1A0, 64), in.getLong(0x1E0),
                version(bytes, 0x1E8), version(bytes, 0x1EC), in.getLong(0x1F0), launchMit, currentMit,
                slice(bytes, 0x2A0, 72), slice(bytes, 0x2E8, 72));
    }

    private static FirmwareVersion version(byte[] bytes, int offset) {
        return new FirmwareVersion(u8(bytes, offset + 2), u8(bytes, offset + 1), u8(bytes, offset));
    }

    private static int u8(byte[] bytes, int offset) {
        return Byte.toUnsignedInt(bytes[offset]);
    }

    private static byte[] slice(byte[] bytes, int offset, int length) {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }
}
