package dev.arca.tpm.eventlog;

import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes event data into the {@code details} object of the {@code uefi_event_logs} claim, with the member names and
 * renderings trustee's event-log crate emits (Trustee tdx verifier; checked
 * against Trustee deps/eventlog test_data CCEL_data*_out.json). Decoding is informational: data that does not decode
 * yields empty details; the digests, not the details, are what the replay trusts.
 */
final class EventDetailsDecoder {

    /** td-shim / AAEL tagged events carry this event id ("AAEL"). */
    private static final long AAEL_TAGGED_EVENT_ID = 0x4141454CL;

    private EventDetailsDecoder() {
    }

    static ObjectNode decode(long type, byte[] data) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        try {
            TcgEventType known = TcgEventType.fromCode(type).orElse(null);
            if (known == null) {
                return details;
            }
            switch (known) {
                case EV_POST_CODE, EV_ACTION, EV_COMPACT_HASH, EV_OMIT_BOOT_DEVICE_EVENTS, EV_EFI_ACTION ->
                        strictUtf8(data).ifPresent(s -> details.put("string", s));
                case EV_EVENT_TAG -> eventTag(data, details);
                case EV_PLATFORM_CONFIG_FLAGS -> details.put("string", platformConfigFlags(data));
                case EV_IPL -> ipl(data, details);
                case EV_EFI_VARIABLE_DRIVER_CONFIG, EV_EFI_VARIABLE_BOOT, EV_EFI_VARIABLE_BOOT2,
                        EV_EFI_VARIABLE_AUTHORITY -> efiVariable(data, details);
                case EV_EFI_BOOT_SERVICES_APPLICATION -> DevicePathDecoder.bootServicesApplication(data, details);
                case EV_EFI_PLATFORM_FIRMWARE_BLOB2, EV_EFI_HANDOFF_TABLES2 -> lengthPrefixed(data, details);
                default -> {
                    // EV_SEPARATOR and the rest carry no decoded details
                }
            }
        } catch (MalformedEventData e) {
            details.removeAll();
        }
        return details;
    }

    /** UEFI_PLATFORM_FIRMWARE_BLOB2 / UEFI_HANDOFF_TABLE_POINTERS2: a length byte, then description bytes [1, len). */
    private static void lengthPrefixed(byte[] data, ObjectNode details) throws MalformedEventData {
        if (data.length < 1) {
            throw new MalformedEventData();
        }
        int end = Math.max(data[0] & 0xFF, 1);
        if (data.length < end) {
            throw new MalformedEventData();
        }
        details.put("string", strictUtf8(Arrays.copyOfRange(data, 1, end)).orElseThrow(MalformedEventData::new));
    }

    /** Text with 0x10 turned into a space and control characters dropped; non-UTF-8 data gives "". */
    private static String platformConfigFlags(byte[] data) {
        String text = strictUtf8(data).orElse("").replace('\u0010', ' ');
        StringBuilder out = new StringBuilder();
        text.codePoints().filter(cp -> Character.getType(cp) != Character.CONTROL).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** GCE-style UTF-16 strings (prefix 0x2E 0x00) or a NUL-terminated UTF-8 string, else hex of the data. */
    private static void ipl(byte[] data, ObjectNode details) throws MalformedEventData {
        if (data.length < 2) {
            throw new MalformedEventData();
        }
        if (data[0] == 0x2E && data[1] == 0x00) {
            int end = data.length - 2;
            if (end == 0 || end % 2 != 0) {
                throw new MalformedEventData();
            }
            details.put("string", new String(Arrays.copyOfRange(data, 2, end), StandardCharsets.UTF_16LE));
            return;
        }
        int cut = 0;
        while (cut < data.length && data[cut] != 0) {
            cut++;
        }
        details.put("string", strictUtf8(Arrays.copyOf(data, cut)).orElse(HexFormat.of().formatHex(data)));
    }

    /**
     * UEFI_VARIABLE_DATA: VariableName GUID[16], UnicodeNameLength u64, VariableDataLength u64, UnicodeName (UTF-16LE),
     * VariableData. The GUID is rendered as its raw bytes in hex groups 4-2-2-2-6, as trustee does.
     */
    private static void efiVariable(byte[] data, ObjectNode details) throws MalformedEventData {
        if (data.length < 32) {
            throw new MalformedEventData();
        }
        long nameLength = LeBytes.u64(data, 16);
        long dataLength = LeBytes.u64(data, 24);
        if (nameLength < 0 || nameLength > Integer.MAX_VALUE / 2 || !LeBytes.fits(data, 32, nameLength * 2)) {
            throw new MalformedEventData();
        }
        int nameEnd = 32 + (int) nameLength * 2;
        String name = strictUtf16(Arrays.copyOfRange(data, 32, nameEnd));
        String variableData = "";
        if (dataLength != 0) {
            if (dataLength < 0 || !LeBytes.fits(data, nameEnd, dataLength)) {
                throw new MalformedEventData();
            }
            variableData = Base64s.std(Arrays.copyOfRange(data, nameEnd, nameEnd + (int) dataLength));
        }
        HexFormat hex = HexFormat.of();
        details.put("unicode_name", name);
        details.set("unicode_name_length", number(nameLength));
        details.put("variable_data", variableData);
        details.set("variable_data_length", number(dataLength));
        details.put("variable_name", hex.formatHex(data, 0, 4) + "-" + hex.formatHex(data, 4, 6) + "-"
                + hex.formatHex(data, 6, 8) + "-" + hex.formatHex(data, 8, 10) + "-" + hex.formatHex(data, 10, 16));
    }

    /** TCG_PCClientTaggedEvent: taggedEventID u32, taggedEventDataSize u32, data; AAEL entries are decoded too. */
    private static void eventTag(byte[] data, ObjectNode details) throws MalformedEventData {
        if (data.length < 8) {
            throw new MalformedEventData();
        }
        long id = LeBytes.u32(data, 0);
        long size = LeBytes.u32(data, 4);
        if (!LeBytes.fits(data, 8, size)) {
            throw new MalformedEventData();
        }
        byte[] tagged = Arrays.copyOfRange(data, 8, 8 + (int) size);
        details.put("string", new String(tagged, StandardCharsets.UTF_8).replace("\0", ""));
        if (id == AAEL_TAGGED_EVENT_ID) {
            String text = strictUtf8(tagged).orElseThrow(MalformedEventData::new);
            int first = text.indexOf(' ');
            int second = first < 0 ? -1 : text.indexOf(' ', first + 1);
            if (second < 0) {
                throw new MalformedEventData();
            }
            ObjectNode aael = details.putObject("data");
            aael.put("domain", text.substring(0, first));
            aael.put("operation", text.substring(first + 1, second));
            String content = text.substring(second + 1);
            aael.set("content", jsonOrString(content));
            details.put("unicode_name", "AAEL");
        }
    }

    private static JsonNode jsonOrString(String content) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(content);
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed;
            }
        } catch (JacksonException e) {
            // not JSON: keep the text
        }
        return JsonNodeFactory.instance.stringNode(content);
    }

    /** Small numbers as JSON ints, so claims compare equal to parsed JSON. */
    static JsonNode number(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
                ? JsonNodeFactory.instance.numberNode((int) value)
                : JsonNodeFactory.instance.numberNode(value);
    }

    static Optional<String> strictUtf8(byte[] data) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String strictUtf16(byte[] data) throws MalformedEventData {
        try {
            return StandardCharsets.UTF_16LE.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEventData();
        }
    }

    /** Event data that does not have the structure its type promises. */
    static final class MalformedEventData extends Exception {

        MalformedEventData() {
            super(null, null, false, false);
        }
    }
}
