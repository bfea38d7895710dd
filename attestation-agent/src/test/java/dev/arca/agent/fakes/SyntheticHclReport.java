package dev.arca.agent.fakes;

import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An Azure paravisor (HCL) attestation report of the right shape, built by the tests (layout as Microsoft's
 * azure-cvm-tooling reads it): the 32-byte "HCLA" header, a 1184-byte hardware report — an SNP report, or a TDREPORT
 * in its first 1024 bytes — whose report data starts with the SHA-256 of the variable data, the IGVM request data,
 * and the variable data: a JSON document with the vTPM's attestation key as the {@code HCLAkPub} JWK and the user data.
 */
public final class SyntheticHclReport {

    public static final int TYPE_SNP = 2;
    public static final int TYPE_TDX = 4;

    private SyntheticHclReport() {
    }

    public static byte[] of(int reportType, RSAPublicKey attestationKey, byte[] userData) {
        byte[] variableData = variableData(attestationKey, userData);
        byte[] binding = Arrays.copyOf(sha256(variableData), 64);
        ByteBuffer report = ByteBuffer.allocate(32 + 1184 + 20 + variableData.length).order(ByteOrder.LITTLE_ENDIAN);
        report.put("HCLA".getBytes(StandardCharsets.US_ASCII)).putInt(2).putInt(1184).putInt(2).putInt(0);
        if (reportType == TYPE_SNP) {
            report.putInt(32, 2); // SNP report version
            report.put(32 + 0x50, binding); // REPORT_DATA
        } else {
            report.putInt(32, 0x81); // REPORTMACSTRUCT report type: TDX
            report.put(32 + 128, binding); // REPORTMACSTRUCT.REPORTDATA
        }
        report.position(32 + 1184);
        report.putInt(20 + variableData.length).putInt(1).putInt(reportType).putInt(1).putInt(variableData.length);
        report.put(variableData);
        return report.array();
    }

    /** The variable data of a report: what its hardware report's report data binds. */
    public static byte[] variableData(byte[] hclReport) {
        ByteBuffer in = ByteBuffer.wrap(hclReport).order(ByteOrder.LITTLE_ENDIAN);
        int size = in.getInt(32 + 1184 + 16);
        return Arrays.copyOfRange(hclReport, 32 + 1184 + 20, 32 + 1184 + 20 + size);
    }

    private static byte[] variableData(RSAPublicKey key, byte[] userData) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> jwk = Map.of("kid", "HCLAkPub", "key_ops", List.of("sign"), "kty", "RSA",
                "e", url.encodeToString(unsigned(key.getPublicExponent())),
                "n", url.encodeToString(unsigned(key.getModulus())));
        return Json.writeBytes(Map.of("keys", List.of(jwk),
                "vm-configuration", Map.of("secure-boot", true, "tpm-enabled", true, "vmUniqueId", "synthetic"),
                "user-data", Hex.of(userData)));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
