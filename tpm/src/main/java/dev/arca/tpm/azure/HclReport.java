package dev.arca.tpm.azure;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.tpm.TpmVerificationException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The Azure paravisor (HCL) attestation report of a confidential VM. No public specification exists; the layout is
 * the one Microsoft's azure-cvm-tooling reads (az-snp-vtpm / az-tdx-vtpm, {@code hcl.rs}), little-endian:
 * <ul>
 *   <li>header [0, 32): signature "HCLA", version u32, report_size u32, request_type u32, status u32, reserved;</li>
 *   <li>hardware report [32, 1216): an SNP ATTESTATION_REPORT, or a TDREPORT in its first 1024 bytes;</li>
 *   <li>IGVM request data at 1216: data_size u32, version u32, report_type u32 (2 SNP, 4 TDX), hash_type u32 (1
 *       SHA-256), variable_data_size u32, then the variable data: a JSON document carrying the vTPM attestation key
 *       as the RSA JWK {@code HCLAkPub} and the {@code user-data} (hex) the guest asked the report for.</li>
 * </ul>
 * The hardware report's report_data[0:32] is SHA-256(variable data), which binds the AK to the hardware.
 */
public record HclReport(byte[] bytes, int version, int reportType, byte[] variableData) {

    public static final int TYPE_SNP = 2;
    public static final int TYPE_TDX = 4;
    static final int HEADER = 32;
    static final int HW_REPORT = 1184;
    static final int TD_REPORT = 1024;
    static final int REQUEST_DATA = HEADER + HW_REPORT;
    static final int VAR_DATA = REQUEST_DATA + 20;
    /** report_data of an SNP ATTESTATION_REPORT (offset 0x50) and of a TDREPORT (REPORTMACSTRUCT offset 128). */
    static final int SNP_REPORT_DATA = 0x50;
    static final int TD_REPORT_DATA = 128;
    private static final int HASH_TYPE_SHA256 = 1;

    /**
     * @throws TpmVerificationException FORMAT when it is not an HCL report or its sizes do not fit
     */
    public static HclReport parse(byte[] bytes) throws TpmVerificationException {
        if (bytes == null || bytes.length < VAR_DATA) {
            throw TpmVerificationException.format("the HCL report is " + (bytes == null ? 0 : bytes.length)
                    + " bytes, shorter than its fixed part (" + VAR_DATA + ")");
        }
        if (!"HCLA".equals(new String(bytes, 0, 4, StandardCharsets.US_ASCII))) {
            throw TpmVerificationException.format("not an HCL report (no \"HCLA\" signature)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt(4);
        int reportType = in.getInt(REQUEST_DATA + 8);
        int hashType = in.getInt(REQUEST_DATA + 12);
        long varDataSize = Integer.toUnsignedLong(in.getInt(REQUEST_DATA + 16));
        if (reportType != TYPE_SNP && reportType != TYPE_TDX) {
            throw TpmVerificationException.format("HCL report type " + reportType + " is neither SNP (2) nor TDX (4)");
        }
        if (hashType != HASH_TYPE_SHA256) {
            throw TpmVerificationException.format("HCL report hash type " + hashType + " is not SHA-256 (1)");
        }
        if (VAR_DATA + varDataSize > bytes.length) {
            throw TpmVerificationException.format("the HCL variable data (" + varDataSize
                    + " bytes) runs past the report");
        }
        return new HclReport(bytes.clone(), version, reportType,
                Arrays.copyOfRange(bytes, VAR_DATA, VAR_DATA + (int) varDataSize));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public byte[] variableData() {
        return variableData.clone();
    }

    /** The 1184-byte hardware report (an SNP report; a TDREPORT is its first 1024 bytes). */
    public byte[] hardwareReport() {
        return Arrays.copyOfRange(bytes, HEADER, HEADER + HW_REPORT);
    }

    public byte[] tdReport() {
        return Arrays.copyOfRange(bytes, HEADER, HEADER + TD_REPORT);
    }

    /** The hardware report's 64-byte report_data. */
    public byte[] hardwareReportData() {
        int at = HEADER + (reportType == TYPE_SNP ? SNP_REPORT_DATA : TD_REPORT_DATA);
        return Arrays.copyOfRange(bytes, at, at + 64);
    }

    public byte[] variableDataSha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(variableData);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }

    /**
     * report_data[0:32] of the hardware report (or of the quote made from it) must be SHA-256 of the variable data.
     *
     * @throws TpmVerificationException HCL_BINDING when it is not
     */
    public void requireBoundBy(byte[] reportData, String what) throws TpmVerificationException {
        if (reportData.length < 32
                || !MessageDigest.isEqual(Arrays.copyOf(reportData, 32), variableDataSha256())) {
            throw new TpmVerificationException(TpmVerificationException.Reason.HCL_BINDING, what
                    + " report_data does not bind the HCL variable data (SHA-256 " + Hex.of(variableDataSha256())
                    + ")");
        }
    }

    /** The variable data as JSON. */
    JsonNode variableDataJson() throws TpmVerificationException {
        try {
            JsonNode json = Json.MAPPER.readTree(variableData);
            if (json == null || !json.isObject()) {
                throw TpmVerificationException.format("the HCL variable data is not a JSON object");
            }
            return json;
        } catch (JacksonException e) {
            throw TpmVerificationException.format("the HCL variable data is not JSON");
        }
    }

    /**
     * The vTPM attestation key: the RSA JWK with kid {@code HCLAkPub} in the variable data's {@code keys}.
     *
     * @throws TpmVerificationException FORMAT when there is none or it is not an RSA public key
     */
    public RSAPublicKey attestationKey() throws TpmVerificationException {
        JsonNode keys = variableDataJson().get("keys");
        if (keys != null && keys.isArray()) {
            for (JsonNode key : keys) {
                JsonNode kid = key.get("kid");
                if (kid != null && "HCLAkPub".equals(kid.asString(""))) {
                    try {
                        return RSAKey.parse(Json.MAPPER.writeValueAsString(key)).toRSAPublicKey();
                    } catch (ParseException | JOSEException | RuntimeException e) {
                        throw TpmVerificationException.format("the HCL variable data's HCLAkPub is not an RSA JWK");
                    }
                }
            }
        }
        throw TpmVerificationException.format("the HCL variable data has no HCLAkPub key (failed to get AKpub)");
    }

    /** The {@code user-data} member (hex), when present. */
    public Optional<byte[]> userData() throws TpmVerificationException {
        JsonNode userData = variableDataJson().get("user-data");
        if (userData == null || userData.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Hex.parse(userData.asString("")));
        } catch (IllegalArgumentException e) {
            throw TpmVerificationException.format("the HCL variable data's user-data is not hex");
        }
    }
}
