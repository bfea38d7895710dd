package dev.arca.rvps.extractor.corim;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.arca.model.json.Hex;
import dev.arca.rvps.InvalidRequestException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * Reference values of one CoMID, named as upstream names them (Trustee rvps/README.md). For every reference triple
 * {@code [environment-map, [+ measurement-map]]} the path is [class vendor, class model] (text only) plus, per
 * measurement, its mkey (text as is, uint as {@code claim<N>}, tagged UUID as its canonical string; other kinds
 * add nothing), the measurement's name and serial number; then
 * <ul>
 *   <li>digests → {@code <path joined by "/">/digests}, value = the digests' hex strings (algorithm dropped);</li>
 *   <li>a tagged raw value (tag 560 bytes) → {@code <path>/raw_bytes}, value = its hex string.</li>
 * </ul>
 * Code points are those of draft-ietf-rats-corim (concise-mid-tag, triples-map, environment-map, class-map,
 * measurement-map, measurement-values-map).
 */
final class ComidReferenceTriples {

    /** concise-mid-tag: triples. */
    private static final int COMID_TRIPLES = 4;
    /** triples-map: reference-triples. */
    private static final int REFERENCE_TRIPLES = 0;
    /** environment-map: class; class-map: vendor, model. */
    private static final int ENV_CLASS = 0;
    private static final int CLASS_VENDOR = 1;
    private static final int CLASS_MODEL = 2;
    /** measurement-map: mkey, mval. */
    private static final int MKEY = 0;
    private static final int MVAL = 1;
    /** measurement-values-map: digests, raw-value, serial-number, name. */
    private static final int MVAL_DIGESTS = 2;
    private static final int MVAL_RAW_VALUE = 4;
    private static final int MVAL_SERIAL_NUMBER = 8;
    private static final int MVAL_NAME = 11;
    /** RFC 9562 UUID (tagged-uuid-type) and CoRIM tagged-bytes raw value. */
    private static final int TAG_UUID = 37;
    private static final int TAG_RAW_BYTES = 560;

    /** A named value. */
    record Value(String name, JsonNode value) {
    }

    private ComidReferenceTriples() {
    }

    static List<Value> values(CBORObject comid, String where) {
        List<Value> values = new ArrayList<>();
        CBORObject triples = member(comid, COMID_TRIPLES);
        if (triples == null || triples.getType() != CBORType.Map) {
            throw invalid(where, "the CoMID lacks its triples map (key 4)");
        }
        CBORObject referenceTriples = member(triples, REFERENCE_TRIPLES);
        if (referenceTriples == null) {
            return values;
        }
        if (referenceTriples.getType() != CBORType.Array) {
            throw invalid(where, "reference-triples must be an array");
        }
        for (int t = 0; t < referenceTriples.size(); t++) {
            String at = where + " reference-triples[" + t + "]";
            CBORObject triple = referenceTriples.get(t);
            if (triple.getType() != CBORType.Array || triple.size() != 2
                    || triple.get(0).getType() != CBORType.Map || triple.get(1).getType() != CBORType.Array) {
                throw invalid(at, "a reference triple is [environment-map, [+ measurement-map]]");
            }
            List<String> base = environmentPath(triple.get(0));
            CBORObject measurements = triple.get(1);
            for (int m = 0; m < measurements.size(); m++) {
                measurementValues(measurements.get(m), base, at + " measurement " + m, values);
            }
        }
        return values;
    }

    private static List<String> environmentPath(CBORObject environment) {
        List<String> path = new ArrayList<>();
        CBORObject classMap = member(environment, ENV_CLASS);
        if (classMap != null && classMap.getType() == CBORType.Map) {
            addText(path, member(classMap, CLASS_VENDOR));
            addText(path, member(classMap, CLASS_MODEL));
        }
        return path;
    }

    private static void measurementValues(CBORObject measurement, List<String> base, String at, List<Value> out) {
        if (measurement.getType() != CBORType.Map) {
            throw invalid(at, "a measurement must be a measurement-map");
        }
        CBORObject mval = member(measurement, MVAL);
        if (mval == null || mval.getType() != CBORType.Map) {
            throw invalid(at, "the measurement lacks its measurement-values-map (key 1)");
        }
        List<String> path = new ArrayList<>(base);
        CBORObject mkey = member(measurement, MKEY);
        if (mkey != null) {
            addMeasuredElement(path, mkey);
        }
        addText(path, member(mval, MVAL_NAME));
        addText(path, member(mval, MVAL_SERIAL_NUMBER));

        CBORObject digests = member(mval, MVAL_DIGESTS);
        if (digests != null) {
            out.add(new Value(name(path, "digests"), digestList(digests, at)));
        }
        CBORObject raw = member(mval, MVAL_RAW_VALUE);
        if (raw != null && raw.HasMostOuterTag(TAG_RAW_BYTES) && raw.UntagOne().getType() == CBORType.ByteString) {
            out.add(new Value(name(path, "raw_bytes"), StringNode.valueOf(
                    Hex.of(raw.UntagOne().GetByteString()))));
        }
    }

    private static ArrayNode digestList(CBORObject digests, String at) {
        if (digests.getType() != CBORType.Array || digests.size() == 0) {
            throw invalid(at, "digests must be a non-empty array of [algorithm, bytes]");
        }
        ArrayNode hexes = JsonNodeFactory.instance.arrayNode();
        for (int d = 0; d < digests.size(); d++) {
            CBORObject digest = digests.get(d);
            if (digest.getType() != CBORType.Array || digest.size() != 2
                    || digest.get(1).getType() != CBORType.ByteString) {
                throw invalid(at, "digest " + d + " must be [algorithm, bytes]");
            }
            hexes.add(Hex.of(digest.get(1).GetByteString()));
        }
        return hexes;
    }

    private static void addMeasuredElement(List<String> path, CBORObject mkey) {
        if (!mkey.isTagged() && mkey.getType() == CBORType.TextString) {
            path.add(mkey.AsString());
        } else if (!mkey.isTagged() && mkey.getType() == CBORType.Integer && mkey.AsNumber().signum() >= 0) {
            path.add("claim" + mkey.AsEIntegerValue());
        } else if (mkey.HasMostOuterTag(TAG_UUID) && mkey.UntagOne().getType() == CBORType.ByteString
                && mkey.UntagOne().GetByteString().length == 16) {
            ByteBuffer uuid = ByteBuffer.wrap(mkey.UntagOne().GetByteString());
            path.add(new UUID(uuid.getLong(), uuid.getLong()).toString());
        }
        // other measured-element kinds (OIDs, …) add nothing, as upstream
    }

    private static void addText(List<String> path, CBORObject item) {
        if (item != null && !item.isTagged() && item.getType() == CBORType.TextString) {
            path.add(item.AsString());
        }
    }

    private static String name(List<String> path, String leaf) {
        List<String> parts = new ArrayList<>(path);
        parts.add(leaf);
        return String.join("/", parts);
    }

    private static CBORObject member(CBORObject map, int key) {
        return map.get(CBORObject.FromObject(key));
    }

    private static InvalidRequestException invalid(String where, String detail) {
        return new InvalidRequestException("corim payload: " + where + ": " + detail);
    }
}
