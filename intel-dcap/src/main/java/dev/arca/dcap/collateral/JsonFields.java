package dev.arca.dcap.collateral;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Typed reads of Intel collateral JSON members; anything missing or mistyped is COLLATERAL_INVALID. */
final class JsonFields {

    private final String document;

    JsonFields(String document) {
        this.document = document;
    }

    JsonNode object(JsonNode parent, String name) throws DcapVerificationException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isObject()) {
            throw invalid("'" + name + "' is not an object");
        }
        return node;
    }

    List<JsonNode> array(JsonNode parent, String name) throws DcapVerificationException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isArray()) {
            throw invalid("'" + name + "' is not an array");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    List<JsonNode> optionalArray(JsonNode parent, String name) throws DcapVerificationException {
        return parent.has(name) ? array(parent, name) : List.of();
    }

    String string(JsonNode parent, String name) throws DcapVerificationException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isString()) {
            throw invalid("'" + name + "' is not a string");
        }
        return node.stringValue();
    }

    int integer(JsonNode parent, String name) throws DcapVerificationException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw invalid("'" + name + "' is not a non-negative integer");
        }
        return node.intValue();
    }

    Instant instant(JsonNode parent, String name) throws DcapVerificationException {
        String text = string(parent, name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("'" + name + "' is not an RFC 3339 UTC date: " + text);
        }
    }

    byte[] hex(JsonNode parent, String name, int length) throws DcapVerificationException {
        String text = string(parent, name);
        if (text.length() != length * 2) {
            throw invalid("'" + name + "' has " + text.length() + " hex digits, expected " + length * 2);
        }
        try {
            return HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("'" + name + "' is not hex");
        }
    }

    TcbStatus status(JsonNode parent) throws DcapVerificationException {
        String text = string(parent, "tcbStatus");
        return TcbStatus.fromWire(text).orElseThrow(() -> invalid("unknown tcbStatus '" + text + "'"));
    }

    List<String> advisories(JsonNode level) throws DcapVerificationException {
        List<String> ids = new ArrayList<>();
        for (JsonNode id : optionalArray(level, "advisoryIDs")) {
            if (!id.isString()) {
                throw invalid("advisoryIDs holds a non-string");
            }
            ids.add(id.stringValue());
        }
        return ids;
    }

    List<Integer> componentSvns(JsonNode tcb, String name) throws DcapVerificationException {
        List<JsonNode> components = array(tcb, name);
        if (components.size() != 16) {
            throw invalid("'" + name + "' has " + components.size() + " components, expected 16");
        }
        List<Integer> svns = new ArrayList<>();
        for (JsonNode component : components) {
            svns.add(integer(component, "svn"));
        }
        return svns;
    }

    DcapVerificationException invalid(String message) {
        return new DcapVerificationException(Reason.COLLATERAL_INVALID, document + ": " + message);
    }
}
