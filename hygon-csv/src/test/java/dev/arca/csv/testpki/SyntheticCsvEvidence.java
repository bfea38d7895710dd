package dev.arca.csv.testpki;

import dev.arca.csv.cert.LittleEndian;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Trustee's CSV attester sends (serde output of csv-rs types), for a report and a {@link TestHygonPki}: the
 * wrapper, the PEK, optionally the HSK and CEK, the serial number and optionally the CC event log.
 */
public final class SyntheticCsvEvidence {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SyntheticCsvEvidence() {
    }

    /**
     * @param carryHskCek whether the evidence carries the HSK and CEK (else the verifier fetches them by chip id)
     * @param eventLog    the CC event log, or null for none
     */
    public static ObjectNode json(TestHygonPki pki, SyntheticCsvReport report, boolean carryHskCek,
            byte[] eventLog) {
        return json(report.magic(), report.flags(), report.page(pki), carryHskCek ? pki.hsk() : null,
                carryHskCek ? pki.cek() : null, pki.pek(), TestHygonPki.CHIP_ID, eventLog);
    }

    /** Evidence from raw parts (for edits the builders do not make). */
    public static ObjectNode json(byte[] magic, long flags, byte[] page, byte[] hsk, byte[] cek, byte[] pek,
            String chipId, byte[] eventLog) {
        ObjectNode evidence = NODES.objectNode();
        ObjectNode wrapper = evidence.putObject("attestation_report");
        wrapper.set("data", bytes(page));
        wrapper.put("flags", flags);
        wrapper.set("magic", bytes(magic));
        ObjectNode chain = evidence.putObject("cert_chain");
        if (hsk != null) {
            ObjectNode pair = chain.putObject("hsk_cek");
            pair.set("hsk", caCertificate(hsk));
            pair.set("cek", csvCertificate(cek));
        }
        chain.set("pek", csvCertificate(pek));
        evidence.set("serial_number", bytes(Arrays.copyOf(chipId.getBytes(StandardCharsets.US_ASCII), 64)));
        if (eventLog != null) {
            evidence.put("cc_eventlog", Base64.getEncoder().encodeToString(eventLog));
        }
        return evidence;
    }

    static ObjectNode caCertificate(byte[] c) {
        ObjectNode certificate = NODES.objectNode();
        ObjectNode body = certificate.putObject("body");
        ObjectNode preamble = body.putObject("preamble");
        preamble.put("ver", LittleEndian.u32(c, 0));
        ObjectNode data = preamble.putObject("data");
        data.set("kid", bytes(c, 4, 16));
        data.set("sid", bytes(c, 20, 16));
        data.put("usage", LittleEndian.u32(c, 36));
        data.set("reserved", bytes(c, 40, 24));
        body.set("pubkey", eccKey(c, 64));
        body.put("uid_size", LittleEndian.u16(c, 212));
        body.set("user_id", bytes(c, 214, 254));
        body.set("reserved", bytes(c, 468, 108));
        certificate.set("signature", signature(c, 576));
        certificate.set("_reserved", bytes(c, 720, 112));
        return certificate;
    }

    static ObjectNode csvCertificate(byte[] c) {
        ObjectNode certificate = NODES.objectNode();
        ObjectNode body = certificate.putObject("body");
        ObjectNode data = body.putObject("data");
        ObjectNode firmware = data.putObject("firmware");
        firmware.put("major", c[4] & 0xFF);
        firmware.put("minor", c[5] & 0xFF);
        ObjectNode pubkey = data.putObject("pubkey");
        pubkey.put("algo", LittleEndian.u32(c, 12));
        pubkey.set("key", eccKey(c, 16));
        pubkey.put("usage", LittleEndian.u32(c, 8));
        data.put("reserved1", LittleEndian.u16(c, 6));
        data.set("reserved2", bytes(c, 436, 608));
        data.set("sid", bytes(c, 420, 16));
        data.put("uid_size", LittleEndian.u16(c, 164));
        data.set("user_id", bytes(c, 166, 254));
        body.put("ver", LittleEndian.u32(c, 0));
        ArrayNode sigs = certificate.putArray("sigs");
        for (int i = 0; i < 2; i++) {
            int at = 1044 + 520 * i;
            ObjectNode slot = sigs.addObject();
            slot.set("_reserved", bytes(c, at + 152, 368));
            slot.put("algo", LittleEndian.u32(c, at + 4));
            slot.set("signature", signature(c, at + 8));
            slot.put("usage", LittleEndian.u32(c, at));
        }
        return certificate;
    }

    private static ObjectNode eccKey(byte[] c, int at) {
        ObjectNode key = NODES.objectNode();
        key.put("g", LittleEndian.u32(c, at));
        key.set("x", bytes(c, at + 4, 72));
        key.set("y", bytes(c, at + 76, 72));
        return key;
    }

    private static ObjectNode signature(byte[] c, int at) {
        ObjectNode signature = NODES.objectNode();
        signature.set("r", bytes(c, at, 72));
        signature.set("s", bytes(c, at + 72, 72));
        return signature;
    }

    private static ArrayNode bytes(byte[] source) {
        return bytes(source, 0, source.length);
    }

    private static ArrayNode bytes(byte[] source, int offset, int length) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < length; i++) {
            array.add(source[offset + i] & 0xFF);
        }
        return array;
    }
}
