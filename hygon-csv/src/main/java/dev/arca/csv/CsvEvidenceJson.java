package dev.arca.csv;

import dev.arca.csv.cert.CsvCertificate;
import dev.arca.csv.cert.HygonCaCertificate;
import dev.arca.csv.cert.LittleEndian;
import dev.arca.csv.report.CsvReport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON of Trustee's CSV evidence (the attester's serde output of csv-rs types):
 *
 * <pre>{@code
 * {"attestation_report": {"magic": [16 bytes], "flags": u32, "data": [4096 bytes]},
 *  "cert_chain": {"hsk_cek": {"hsk": <ca::Certificate>, "cek": <csv::Certificate>} (optional), "pek": <csv::Certificate>},
 *  "serial_number": [bytes],
 *  "cc_eventlog": "<standard base64>" | null (optional)}
 * }</pre>
 *
 * Byte arrays are JSON arrays of numbers (serde's {@code [u8; N]}); every certificate is rebuilt field by field into
 * its C layout ({@link HygonCaCertificate}, {@link CsvCertificate}), so that its signature can be checked over the
 * bytes the signer signed. Members the format does not define are ignored, as serde does.
 */
public final class CsvEvidenceJson {

    public static final String SHAPE = "{\"attestation_report\": {\"magic\", \"flags\", \"data\"}, \"cert_chain\": "
            + "{\"hsk_cek\"?: {\"hsk\", \"cek\"}, \"pek\"}, \"serial_number\": [bytes], \"cc_eventlog\"?: base64}";
    private static final int MAX_SERIAL = 64;
    /** A CC event log area is 64 KiB on real guests; a bound on what one evidence may make us decode. */
    private static final int MAX_EVENT_LOG_CHARS = 4 * 1024 * 1024;
    /** The chip id names a KDS query and a file: one safe token. */
    private static final Pattern CHIP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private CsvEvidenceJson() {
    }

    public static CsvEvidence parse(JsonNode evidence) throws CsvVerificationException {
        if (evidence == null || !evidence.isObject()) {
            throw CsvVerificationException.format("csv evidence must be a JSON object " + SHAPE);
        }
        JsonNode wrapper = object(evidence, "attestation_report");
        byte[] magic = bytes(wrapper, "magic", 16, "attestation_report.magic");
        long flags = u32(wrapper, "flags", "attestation_report.flags");
        byte[] report = bytes(wrapper, "data", CsvReport.SIZE, "attestation_report.data");
        JsonNode chain = object(evidence, "cert_chain");
        byte[] hskCek = null;
        JsonNode pair = chain.get("hsk_cek");
        if (pair != null && !pair.isNull()) {
            if (!pair.isObject()) {
                throw CsvVerificationException.format("cert_chain.hsk_cek must be {\"hsk\", \"cek\"}");
            }
            byte[] hsk = caCertificate(object(pair, "hsk"), "cert_chain.hsk_cek.hsk");
            byte[] cek = csvCertificate(object(pair, "cek"), "cert_chain.hsk_cek.cek");
            hskCek = new byte[hsk.length + cek.length];
            System.arraycopy(hsk, 0, hskCek, 0, hsk.length);
            System.arraycopy(cek, 0, hskCek, hsk.length, cek.length);
        }
        byte[] pek = csvCertificate(object(chain, "pek"), "cert_chain.pek");
        String chipId = chipId(evidence.get("serial_number"));
        return new CsvEvidence(magic, flags, report, hskCek, pek, chipId, eventLog(evidence.get("cc_eventlog")));
    }

    /** csv-rs {@code ca::Certificate}: body (preamble, pubkey, uid_size, user_id, reserved), signature, _reserved. */
    static byte[] caCertificate(JsonNode certificate, String path) throws CsvVerificationException {
        byte[] out = new byte[HygonCaCertificate.SIZE];
        JsonNode body = object(certificate, "body", path);
        JsonNode preamble = object(body, "preamble", path + ".body");
        LittleEndian.putU32(out, 0, u32(preamble, "ver", path + ".body.preamble.ver"));
        JsonNode data = object(preamble, "data", path + ".body.preamble");
        put(out, 4, bytes(data, "kid", 16, path + ".body.preamble.data.kid"));
        put(out, 20, bytes(data, "sid", 16, path + ".body.preamble.data.sid"));
        LittleEndian.putU32(out, 36, u32(data, "usage", path + ".body.preamble.data.usage"));
        put(out, 40, bytes(data, "reserved", 24, path + ".body.preamble.data.reserved"));
        put(out, 64, eccKey(object(body, "pubkey", path + ".body"), path + ".body.pubkey"));
        LittleEndian.putU16(out, 212, u16(body, "uid_size", path + ".body.uid_size"));
        put(out, 214, bytes(body, "user_id", 254, path + ".body.user_id"));
        put(out, 468, bytes(body, "reserved", 108, path + ".body.reserved"));
        put(out, 576, signature(object(certificate, "signature", path), path + ".signature"));
        put(out, 720, bytes(certificate, "_reserved", 112, path + "._reserved"));
        return out;
    }

    /** csv-rs {@code csv::Certificate}: body (ver, data), two signature slots. */
    static byte[] csvCertificate(JsonNode certificate, String path) throws CsvVerificationException {
        byte[] out = new byte[CsvCertificate.SIZE];
        JsonNode body = object(certificate, "body", path);
        LittleEndian.putU32(out, 0, u32(body, "ver", path + ".body.ver"));
        JsonNode data = object(body, "data", path + ".body");
        JsonNode firmware = object(data, "firmware", path + ".body.data");
        out[4] = (byte) u8(firmware, "major", path + ".body.data.firmware.major");
        out[5] = (byte) u8(firmware, "minor", path + ".body.data.firmware.minor");
        LittleEndian.putU16(out, 6, u16(data, "reserved1", path + ".body.data.reserved1"));
        JsonNode pubkey = object(data, "pubkey", path + ".body.data");
        LittleEndian.putU32(out, 8, u32(pubkey, "usage", path + ".body.data.pubkey.usage"));
        LittleEndian.putU32(out, 12, u32(pubkey, "algo", path + ".body.data.pubkey.algo"));
        put(out, 16, eccKey(object(pubkey, "key", path + ".body.data.pubkey"), path + ".body.data.pubkey.key"));
        LittleEndian.putU16(out, 164, u16(data, "uid_size", path + ".body.data.uid_size"));
        put(out, 166, bytes(data, "user_id", 254, path + ".body.data.user_id"));
        put(out, 420, bytes(data, "sid", 16, path + ".body.data.sid"));
        put(out, 436, bytes(data, "reserved2", 608, path + ".body.data.reserved2"));
        JsonNode sigs = certificate.get("sigs");
        if (sigs == null || !sigs.isArray() || sigs.size() != 2) {
            throw CsvVerificationException.format(path + ".sigs must be a list of two signature slots");
        }
        for (int i = 0; i < 2; i++) {
            String slotPath = path + ".sigs[" + i + "]";
            JsonNode slot = sigs.get(i);
            if (slot == null || !slot.isObject()) {
                throw CsvVerificationException.format(slotPath + " must be an object");
            }
            int at = 1044 + 520 * i;
            LittleEndian.putU32(out, at, u32(slot, "usage", slotPath + ".usage"));
            LittleEndian.putU32(out, at + 4, u32(slot, "algo", slotPath + ".algo"));
            put(out, at + 8, signature(object(slot, "signature", slotPath), slotPath + ".signature"));
            put(out, at + 152, bytes(slot, "_reserved", 368, slotPath + "._reserved"));
        }
        return out;
    }

    /** csv-rs {@code ecc::PubKey}: {"g": u32, "x": [72], "y": [72]}. */
    private static byte[] eccKey(JsonNode key, String path) throws CsvVerificationException {
        byte[] out = new byte[148];
        LittleEndian.putU32(out, 0, u32(key, "g", path + ".g"));
        put(out, 4, bytes(key, "x", 72, path + ".x"));
        put(out, 76, bytes(key, "y", 72, path + ".y"));
        return out;
    }

    /** csv-rs {@code ecdsa::Signature}: {"r": [72], "s": [72]}. */
    private static byte[] signature(JsonNode signature, String path) throws CsvVerificationException {
        byte[] out = new byte[144];
        put(out, 0, bytes(signature, "r", 72, path + ".r"));
        put(out, 72, bytes(signature, "s", 72, path + ".s"));
        return out;
    }

    private static String chipId(JsonNode serial) throws CsvVerificationException {
        if (serial == null || !serial.isArray() || serial.size() > MAX_SERIAL) {
            throw CsvVerificationException.format("serial_number must be a list of at most " + MAX_SERIAL + " bytes");
        }
        byte[] bytes = byteList(serial, serial.size(), "serial_number");
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        // bytes above 0x7F decode to U+FFFD, which the pattern refuses
        String chipId = new String(bytes, 0, end, StandardCharsets.US_ASCII);
        if (!CHIP_ID.matcher(chipId).matches()) {
            throw CsvVerificationException.format("serial_number must be a chip id of 1 to 64 letters, digits, '-' "
                    + "or '_', padded with NULs");
        }
        return chipId;
    }

    private static byte[] eventLog(JsonNode log) throws CsvVerificationException {
        if (log == null || log.isNull()) {
            return null;
        }
        if (!log.isString() || log.stringValue().length() > MAX_EVENT_LOG_CHARS) {
            throw CsvVerificationException.format("cc_eventlog must be standard base64 of at most "
                    + MAX_EVENT_LOG_CHARS + " characters");
        }
        try {
            return Base64.getDecoder().decode(log.stringValue());
        } catch (IllegalArgumentException e) {
            throw CsvVerificationException.format("cc_eventlog is not standard base64");
        }
    }

    private static JsonNode object(JsonNode parent, String name) throws CsvVerificationException {
        return object(parent, name, null);
    }

    private static JsonNode object(JsonNode parent, String name, String path) throws CsvVerificationException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isObject()) {
            throw CsvVerificationException.format((path == null ? "" : path + ".") + name + " must be an object");
        }
        return node;
    }

    private static long u32(JsonNode parent, String name, String path) throws CsvVerificationException {
        return number(parent, name, path, 0xFFFF_FFFFL);
    }

    private static int u16(JsonNode parent, String name, String path) throws CsvVerificationException {
        return (int) number(parent, name, path, 0xFFFF);
    }

    private static int u8(JsonNode parent, String name, String path) throws CsvVerificationException {
        return (int) number(parent, name, path, 0xFF);
    }

    private static long number(JsonNode parent, String name, String path, long max) throws CsvVerificationException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0
                || node.longValue() > max) {
            throw CsvVerificationException.format(path + " must be a number from 0 to " + max);
        }
        return node.longValue();
    }

    private static byte[] bytes(JsonNode parent, String name, int length, String path)
            throws CsvVerificationException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isArray() || node.size() != length) {
            throw CsvVerificationException.format(path + " must be a list of exactly " + length + " bytes");
        }
        return byteList(node, length, path);
    }

    private static byte[] byteList(JsonNode array, int length, String path) throws CsvVerificationException {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            JsonNode element = array.get(i);
            if (element == null || !element.isIntegralNumber() || !element.canConvertToInt() || element.intValue() < 0
                    || element.intValue() > 255) {
                throw CsvVerificationException.format(path + "[" + i + "] must be a number from 0 to 255");
            }
            out[i] = (byte) element.intValue();
        }
        return out;
    }

    private static void put(byte[] out, int offset, byte[] field) {
        System.arraycopy(field, 0, out, offset, field.length);
    }
}
