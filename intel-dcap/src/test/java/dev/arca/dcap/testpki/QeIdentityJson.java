package dev.arca.dcap.testpki;

import dev.arca.dcap.collateral.TcbStatus;
import dev.arca.model.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A QE Identity body (Intel PCS API v4, enclave identity v2) for the {@link TestPki}: id QE (SGX) or TD_QE (TDX), the
 * identity the QE report must match ({@link QuoteBuilder}'s QE report matches the defaults) and levels by ISVSVN.
 */
public final class QeIdentityJson {

    /** The test QE's MRSIGNER, also the QE report's. */
    public static final String QE_MRSIGNER = "8c4f5775d796503e96137f77c68a829a0056ac8ded70140b081b094490c57bff";
    public static final int QE_ISVPRODID_SGX = 1;
    public static final int QE_ISVPRODID_TDX = 2;

    private record Level(int isvSvn, TcbStatus status, List<String> advisoryIds) {
    }

    private final String id;
    private final int isvProdId;
    private Instant issueDate = Instant.parse("2026-01-01T00:00:00Z");
    private Instant nextUpdate = Instant.parse("2030-01-01T00:00:00Z");
    private final List<Level> levels = new ArrayList<>();

    private QeIdentityJson(String id, int isvProdId) {
        this.id = id;
        this.isvProdId = isvProdId;
    }

    public static QeIdentityJson tdx() {
        return new QeIdentityJson("TD_QE", QE_ISVPRODID_TDX);
    }

    public static QeIdentityJson sgx() {
        return new QeIdentityJson("QE", QE_ISVPRODID_SGX);
    }

    public QeIdentityJson window(Instant issued, Instant next) {
        this.issueDate = issued;
        this.nextUpdate = next;
        return this;
    }

    public QeIdentityJson level(int isvSvn, TcbStatus status, String... advisories) {
        levels.add(new Level(isvSvn, status, List.of(advisories)));
        return this;
    }

    public String json() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", id);
        root.put("version", 2);
        root.put("issueDate", issueDate.toString());
        root.put("nextUpdate", nextUpdate.toString());
        root.put("tcbEvaluationDataNumber", 17);
        root.put("miscselect", "00000000");
        root.put("miscselectMask", "FFFFFFFF");
        root.put("attributes", "11000000000000000000000000000000");
        root.put("attributesMask", "FBFFFFFFFFFFFFFF0000000000000000");
        root.put("mrsigner", QE_MRSIGNER.toUpperCase(java.util.Locale.ROOT));
        root.put("isvprodid", isvProdId);
        ArrayNode tcbLevels = root.putArray("tcbLevels");
        for (Level level : levels) {
            ObjectNode node = tcbLevels.addObject();
            node.putObject("tcb").put("isvsvn", level.isvSvn());
            TcbInfoJson.status(node, Instant.parse("2025-05-14T00:00:00Z"), level.status(), level.advisoryIds());
        }
        return Json.MAPPER.writeValueAsString(root);
    }
}
