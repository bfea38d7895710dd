package dev.arca.dcap.collateral;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Parses the signed bodies of TCB Info (v2, v3) and QE Identity (v2) as Intel PCS API v4 defines them. Parsing
 * happens only after (or independently of) signature verification over the raw bytes; the values are never
 * re-serialised (Intel PCS API v4).
 */
public final class CollateralParser {

    private CollateralParser() {
    }

    public static TcbInfo tcbInfo(byte[] body) throws DcapVerificationException {
        JsonFields f = new JsonFields("TCB Info");
        JsonNode root = tree(body, f);
        String id = root.has("id") ? f.string(root, "id") : TcbInfo.SGX;
        int version = f.integer(root, "version");
        if (version != 2 && version != 3) {
            throw f.invalid("unsupported version " + version);
        }
        if (!TcbInfo.SGX.equals(id) && !TcbInfo.TDX.equals(id)) {
            throw f.invalid("unknown id '" + id + "'");
        }
        TdxModuleIdentity module = null;
        List<TdxModuleIdentity> identities = new ArrayList<>();
        if (TcbInfo.TDX.equals(id)) {
            JsonNode m = f.object(root, "tdxModule");
            module = new TdxModuleIdentity("", f.hex(m, "mrsigner", 48), f.hex(m, "attributes", 8),
                    f.hex(m, "attributesMask", 8), List.of());
            for (JsonNode identity : f.optionalArray(root, "tdxModuleIdentities")) {
                identities.add(new TdxModuleIdentity(f.string(identity, "id"), f.hex(identity, "mrsigner", 48),
                        f.hex(identity, "attributes", 8), f.hex(identity, "attributesMask", 8),
                        identityLevels(identity, f)));
            }
        }
        List<TcbLevel> levels = new ArrayList<>();
        for (JsonNode level : f.array(root, "tcbLevels")) {
            levels.add(version == 2 ? levelV2(level, f) : levelV3(level, TcbInfo.TDX.equals(id), f));
        }
        if (levels.isEmpty()) {
            throw f.invalid("no tcbLevels");
        }
        return new TcbInfo(id, version, f.instant(root, "issueDate"), f.instant(root, "nextUpdate"),
                f.string(root, "fmspc").toUpperCase(Locale.ROOT), f.string(root, "pceId").toUpperCase(Locale.ROOT),
                root.has("tcbType") ? f.integer(root, "tcbType") : 0, f.integer(root, "tcbEvaluationDataNumber"),
                module, identities, levels);
    }

    /** TCB Info v3 level: {@code tcb: {sgxtcbcomponents[16], pcesvn, tdxtcbcomponents[16] (TDX only)}}. */
    private static TcbLevel levelV3(JsonNode level, boolean tdx, JsonFields f) throws DcapVerificationException {
        JsonNode tcb = f.object(level, "tcb");
        List<Integer> tdxComponents = tdx ? f.componentSvns(tcb, "tdxtcbcomponents") : List.of();
        return new TcbLevel(f.componentSvns(tcb, "sgxtcbcomponents"), f.integer(tcb, "pcesvn"), tdxComponents,
                f.instant(level, "tcbDate"), f.status(level), f.advisories(level));
    }

    /** TCB Info v2 (SGX only) level: {@code tcb: {sgxtcbcomp01svn … sgxtcbcomp16svn, pcesvn}}. */
    private static TcbLevel levelV2(JsonNode level, JsonFields f) throws DcapVerificationException {
        JsonNode tcb = f.object(level, "tcb");
        List<Integer> components = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            components.add(f.integer(tcb, String.format(Locale.ROOT, "sgxtcbcomp%02dsvn", i)));
        }
        return new TcbLevel(components, f.integer(tcb, "pcesvn"), List.of(), f.instant(level, "tcbDate"),
                f.status(level), f.advisories(level));
    }

    public static QeIdentity qeIdentity(byte[] body) throws DcapVerificationException {
        JsonFields f = new JsonFields("QE Identity");
        JsonNode root = tree(body, f);
        int version = f.integer(root, "version");
        if (version != 2) {
            throw f.invalid("unsupported version " + version);
        }
        String id = f.string(root, "id");
        if (!QeIdentity.QE.equals(id) && !QeIdentity.TD_QE.equals(id) && !"QVE".equals(id)) {
            throw f.invalid("unknown id '" + id + "'");
        }
        List<IdentityTcbLevel> levels = identityLevels(root, f);
        if (levels.isEmpty()) {
            throw f.invalid("no tcbLevels");
        }
        return new QeIdentity(id, version, f.instant(root, "issueDate"), f.instant(root, "nextUpdate"),
                f.integer(root, "tcbEvaluationDataNumber"), u32(f.hex(root, "miscselect", 4)),
                u32(f.hex(root, "miscselectMask", 4)), f.hex(root, "attributes", 16),
                f.hex(root, "attributesMask", 16), f.hex(root, "mrsigner", 32), f.integer(root, "isvprodid"),
                levels);
    }

    private static List<IdentityTcbLevel> identityLevels(JsonNode parent, JsonFields f)
            throws DcapVerificationException {
        List<IdentityTcbLevel> levels = new ArrayList<>();
        for (JsonNode level : f.array(parent, "tcbLevels")) {
            JsonNode tcb = f.object(level, "tcb");
            levels.add(new IdentityTcbLevel(f.integer(tcb, "isvsvn"), f.instant(level, "tcbDate"), f.status(level),
                    f.advisories(level)));
        }
        return levels;
    }

    /** The JSON hex of miscselect is the u32 written most significant byte first. */
    private static long u32(byte[] bigEndian) {
        long value = 0;
        for (byte b : bigEndian) {
            value = value << 8 | (b & 0xFFL);
        }
        return value;
    }

    private static JsonNode tree(byte[] body, JsonFields f) throws DcapVerificationException {
        try {
            JsonNode root = Json.MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw f.invalid("not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new DcapVerificationException(Reason.COLLATERAL_INVALID, "collateral is not JSON", e);
        }
    }
}
