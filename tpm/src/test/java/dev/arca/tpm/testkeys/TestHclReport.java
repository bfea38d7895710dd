package dev.arca.tpm.testkeys;

import com.nimbusds.jose.jwk.RSAKey;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

import tools.jackson.databind.node.ObjectNode;

/**
 * An Azure HCL report as the paravisor makes it (layout of Microsoft's azure-cvm-tooling): header, hardware report
 * whose report_data[0:32] is SHA-256 of the variable data, IGVM request data, and the variable data JSON with the AK
 * as the RSA JWK {@code HCLAkPub} and the guest's {@code user-data}.
 */
public final class TestHclReport {

    public static final int SNP = 2;
    public static final int TDX = 4;

    private final int type;
    private final RSAPublicKey ak;
    private byte[] userData = new byte[64];
    private byte[] hardwareReport;

    public TestHclReport(int type, RSAPublicKey ak) {
        this.type = type;
        this.ak = ak;
    }

    public TestHclReport userData(byte[] userData) {
        this.userData = Arrays.copyOf(userData, 64);
        return this;
    }

    /** Uses this hardware report (1184 bytes) as is, instead of a blank one binding the variable data. */
    public TestHclReport hardwareReport(byte[] report) {
        this.hardwareReport = Arrays.copyOf(report, 1184);
        return this;
    }

    public byte[] variableData() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        ObjectNode key = Json.MAPPER.valueToTree(new RSAKey.Builder(ak).keyID("HCLAkPub").build().toJSONObject());
        key.putArray("key_ops").add("sign");
        json.putArray("keys").add(key);
        json.putObject("vm-configuration").put("secure-boot", true).put("tpm-enabled", true)
                .put("vmUniqueId", "00000000-0000-0000-0000-000000000000");
        json.put("user-data", Hex.of(userData).toUpperCase(java.util.Locale.ROOT));
        return Json.writeBytes(json);
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hardware report's report_data this HCL report needs: SHA-256(var_data) ‖ 32 zero bytes. */
    public byte[] reportData() {
        return Arrays.copyOf(sha256(variableData()), 64);
    }

    public byte[] build() {
        byte[] varData = variableData();
        ByteBuffer out = ByteBuffer.allocate(32 + 1184 + 20 + varData.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("HCLA".getBytes(StandardCharsets.US_ASCII)).putInt(2).putInt(out.capacity()).putInt(2).putInt(0);
        out.position(32);
        byte[] hw = hardwareReport != null ? hardwareReport : new byte[1184];
        if (hardwareReport == null) {
            System.arraycopy(reportData(), 0, hw, type == SNP ? 0x50 : 128, 64);
        }
        out.put(hw);
        out.putInt(20 + varData.length).putInt(1).putInt(type).putInt(1).putInt(varData.length);
        out.put(varData);
        return out.array();
    }

}
