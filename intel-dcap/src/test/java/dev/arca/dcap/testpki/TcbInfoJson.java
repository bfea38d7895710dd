package dev.arca.dcap.testpki;

import dev.arca.dcap.collateral.TcbStatus;
import dev.arca.model.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A TCB Info body (Intel PCS API v4, TCB Info v3) for the {@link TestPki}: id SGX or TDX, the platform's FMSPC and
 * PCE-ID, the TDX module identity, and TCB levels in the order given (newest first, as Intel serves them).
 */
public final class TcbInfoJson {

    /** A level: 16 SGX components, PCESVN, 16 TDX components (TDX only), date, status, advisories. */
    public record Level(List<Integer> sgxComponents, int pceSvn, List<Integer> tdxComponents, Instant tcbDate,
            TcbStatus status, List<String> advisoryIds) {
    }

    /** A TDX module identity level: module ISVSVN, date, status. */
    public record ModuleLevel(int isvSvn, Instant tcbDate, TcbStatus status, List<String> advisoryIds) {
    }

    /** MRSIGNERSEAM of the TDX module Intel signs: all zero (Intel's published value too). */
    public static final String MODULE_MRSIGNER = "00".repeat(48);

    private final String id;
    private final String fmspc;
    private final String pceId;
    private Instant issueDate = Instant.parse("2026-01-01T00:00:00Z");
    private Instant nextUpdate = Instant.parse("2030-01-01T00:00:00Z");
    private int tcbEvaluationDataNumber = 17;
    private final List<Level> levels = new ArrayList<>();
    private final List<ModuleLevel> moduleLevels = new ArrayList<>();

    private TcbInfoJson(String id, String fmspc, String pceId) {
        this.id = id;
        this.fmspc = fmspc;
        this.pceId = pceId;
    }

    public static TcbInfoJson tdx(PckProfile platform) {
        return new TcbInfoJson("TDX", platform.fmspc(), platform.pceId());
    }

    public static TcbInfoJson sgx(PckProfile platform) {
        return new TcbInfoJson("SGX", platform.fmspc(), platform.pceId());
    }

    public TcbInfoJson window(Instant issued, Instant next) {
        this.issueDate = issued;
        this.nextUpdate = next;
        return this;
    }

    public TcbInfoJson level(Level level) {
        levels.add(level);
        return this;
    }

    /** A level with every SGX component {@code sgx}, PCESVN {@code pceSvn} and every TDX component {@code tdx}. */
    public TcbInfoJson level(int sgx, int pceSvn, int tdx, TcbStatus status, String... advisories) {
        return level(new Level(Collections.nCopies(16, sgx), pceSvn, Collections.nCopies(16, tdx),
                Instant.parse("2025-11-12T00:00:00Z"), status, List.of(advisories)));
    }

    /** A level of the versioned TDX module identity TDX_01. */
    public TcbInfoJson moduleLevel(int isvSvn, TcbStatus status, String... advisories) {
        moduleLevels.add(new ModuleLevel(isvSvn, Instant.parse("2025-11-12T00:00:00Z"), status,
                List.of(advisories)));
        return this;
    }

    public String json() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", id);
        root.put("version", 3);
        root.put("issueDate", issueDate.toString());
        root.put("nextUpdate", nextUpdate.toString());
        root.put("fmspc", fmspc);
        root.put("pceId", pceId);
        root.put("tcbType", 0);
        root.put("tcbEvaluationDataNumber", tcbEvaluationDataNumber);
        boolean tdx = "TDX".equals(id);
        if (tdx) {
            ObjectNode module = root.putObject("tdxModule");
            moduleIdentity(module);
            ObjectNode identity = root.putArray("tdxModuleIdentities").addObject();
            identity.put("id", "TDX_01");
            moduleIdentity(identity);
            ArrayNode identityLevels = identity.putArray("tcbLevels");
            for (ModuleLevel level : moduleLevels) {
                ObjectNode node = identityLevels.addObject();
                node.putObject("tcb").put("isvsvn", level.isvSvn());
                status(node, level.tcbDate(), level.status(), level.advisoryIds());
            }
        }
        ArrayNode tcbLevels = root.putArray("tcbLevels");
        for (Level level : levels) {
            ObjectNode node = tcbLevels.addObject();
            ObjectNode tcb = node.putObject("tcb");
            components(tcb.putArray("sgxtcbcomponents"), level.sgxComponents());
            tcb.put("pcesvn", level.pceSvn());
            if (tdx) {
                components(tcb.putArray("tdxtcbcomponents"), level.tdxComponents());
            }
            status(node, level.tcbDate(), level.status(), level.advisoryIds());
        }
        return Json.MAPPER.writeValueAsString(root);
    }

    private static void moduleIdentity(ObjectNode node) {
        node.put("mrsigner", MODULE_MRSIGNER);
        node.put("attributes", "0000000000000000");
        node.put("attributesMask", "FFFFFFFFFFFFFFFF");
    }

    private static void components(ArrayNode array, List<Integer> svns) {
        for (int svn : svns) {
            array.addObject().put("svn", svn);
        }
    }

    static void status(ObjectNode node, Instant tcbDate, TcbStatus status, List<String> advisories) {
        node.put("tcbDate", tcbDate.toString());
        node.put("tcbStatus", status.wireName());
        if (!advisories.isEmpty()) {
            ArrayNode ids = node.putArray("advisoryIDs");
            advisories.forEach(ids::add);
        }
    }
}
