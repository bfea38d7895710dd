package dev.arca.agent.attester.azure;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Azure paravisor (HCL) attestation report read from the vTPM (layout as Microsoft's azure-cvm-tooling reads it):
 * a 32-byte header starting with "HCLA", the 1184-byte hardware report (an SNP report, or a TDREPORT in its first
 * 1024 bytes), then the IGVM request data — data_size, version, report_type (2 SNP, 4 TDX), hash_type,
 * variable_data_size — and the variable data (a JSON document with the AK and the user data), whose SHA-256 the
 * hardware report's report_data binds.
 */
public record HclReport(byte[] bytes, int reportType) {

    public static final int TYPE_SNP = 2;
    public static final int TYPE_TDX = 4;

    static final int HEADER = 32;
    static final int HW_REPORT = 1184;
    static final int TD_REPORT = 1024;
    static final int REQUEST_DATA = HEADER + HW_REPORT;

    public static HclReport parse(byte[] bytes) {
        if (bytes.length < REQUEST_DATA + 20) {
            throw new IllegalArgumentException("HCL report is " + bytes.length + " bytes, too short");
        }
        if (!"HCLA".equals(new String(bytes, 0, 4, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("not an HCL report (no HCLA signature)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int reportType = in.getInt(REQUEST_DATA + 8);
        long varDataSize = Integer.toUnsignedLong(in.getInt(REQUEST_DATA + 16));
        if (REQUEST_DATA + 20 + varDataSize > bytes.length) {
            throw new IllegalArgumentException("HCL variable data runs past the report");
        }
        return new HclReport(bytes.clone(), reportType);
    }

    /** The TDREPORT of a TDX CVM, which Azure's IMDS turns into a TD quote. */
    public byte[] tdReport() {
        return Arrays.copyOfRange(bytes, HEADER, HEADER + TD_REPORT);
    }

    public byte[] hardwareReport() {
        return Arrays.copyOfRange(bytes, HEADER, HEADER + HW_REPORT);
    }

    public byte[] variableData() {
        int size = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(REQUEST_DATA + 16);
        return Arrays.copyOfRange(bytes, REQUEST_DATA + 20, REQUEST_DATA + 20 + size);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
