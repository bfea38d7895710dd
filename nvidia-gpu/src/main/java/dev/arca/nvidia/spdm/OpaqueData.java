package dev.arca.nvidia.spdm;

import dev.arca.model.json.Hex;
import dev.arca.nvidia.NvidiaVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * NVIDIA's OpaqueData of the MEASUREMENTS response: a sequence of items (type u16, size u16, data). Values are kept as
 * claim values: {@code String}, {@code Long}, a {@code SortedMap<Integer, Long>} (measurement_count) or a
 * {@code List<String>} (switch_pdi). Unknown and repeated types are refused, as are responses without driver and VBIOS
 * versions, which name the GPU's TCB.
 */
public record OpaqueData(Map<OpaqueField, Object> fields) {

    private static final int NVDEC_ENABLED = 0xAA;
    private static final int NVDEC_DISABLED = 0x55;

    public OpaqueData {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Optional<Object> get(OpaqueField field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** The FWID the device reports for its firmware (type 20), as lower-case hex. */
    public Optional<String> fwid() {
        return get(OpaqueField.FWID).map(String.class::cast);
    }

    static OpaqueData decode(byte[] bytes) throws NvidiaVerificationException {
        Map<OpaqueField, Object> fields = new LinkedHashMap<>();
        SpdmReader in = new SpdmReader(bytes, 0, bytes.length);
        while (in.remaining() > 0) {
            if (in.remaining() < 4) {
                throw NvidiaVerificationException.format("opaque data ends with " + in.remaining()
                        + " bytes, too few for an item header");
            }
            int type = in.u16("opaque data type");
            OpaqueField field = OpaqueField.byId(type).orElseThrow(
                    () -> NvidiaVerificationException.format("opaque data has an unknown type " + type));
            int size = in.u16("opaque data size of " + field.claimName());
            byte[] data = in.take(size, "opaque data " + field.claimName());
            if (fields.put(field, render(field, data)) != null) {
                throw NvidiaVerificationException.format("opaque data repeats " + field.claimName());
            }
        }
        if (!fields.containsKey(OpaqueField.DRIVER_VERSION) || !fields.containsKey(OpaqueField.VBIOS_VERSION)) {
            throw NvidiaVerificationException.format(
                    "the opaque data must carry both driver_version and vbios_version");
        }
        return new OpaqueData(fields);
    }

    private static Object render(OpaqueField field, byte[] data) throws NvidiaVerificationException {
        return switch (field.rendering()) {
            case HEX -> Hex.of(data);
            case TEXT -> text(data);
            case VBIOS -> vbios(field, data);
            case NVDEC_STATUS -> nvdecStatus(data);
            case U32_LIST -> counts(field, data);
            case PDI_LIST -> pdis(field, data);
            case U64 -> littleEndian(field, data);
            case FEATURE_FLAG -> switch ((int) Math.min(littleEndian(field, data), Integer.MAX_VALUE)) {
                case 0 -> "SPT";
                case 1 -> "MPT";
                case 2 -> "PPCIE";
                default -> "unknown";
            };
        };
    }

    private static String text(byte[] data) {
        int end = data.length;
        while (end > 0 && data[end - 1] == 0) {
            end--;
        }
        return new String(data, 0, end, StandardCharsets.US_ASCII);
    }

    private static String vbios(OpaqueField field, byte[] data) throws NvidiaVerificationException {
        if (data.length < 2) {
            throw NvidiaVerificationException.format(field.claimName() + " has " + data.length + " bytes");
        }
        StringBuilder version = new StringBuilder();
        for (int i = data.length / 2 - 1; i >= 0; i--) {
            version.append(String.format("%02x.", data[i] & 0xFF));
        }
        return version.append(String.format("%02x", data[data.length / 2] & 0xFF)).toString();
    }

    private static String nvdecStatus(byte[] data) throws NvidiaVerificationException {
        if (data.length == 1 && (data[0] & 0xFF) == NVDEC_ENABLED) {
            return "enabled";
        }
        if (data.length == 1 && (data[0] & 0xFF) == NVDEC_DISABLED) {
            return "disabled";
        }
        throw NvidiaVerificationException.format("nvdec0_status has an invalid value " + Hex.of(data));
    }

    private static SortedMap<Integer, Long> counts(OpaqueField field, byte[] data) throws NvidiaVerificationException {
        if (data.length % 4 != 0) {
            throw NvidiaVerificationException.format(field.claimName() + " is not a list of 4-byte counts");
        }
        SortedMap<Integer, Long> counts = new TreeMap<>();
        for (int i = 0; i < data.length; i += 4) {
            counts.put(i / 4 + 1, littleEndian(field, java.util.Arrays.copyOfRange(data, i, i + 4)));
        }
        return Collections.unmodifiableSortedMap(counts);
    }

    private static List<String> pdis(OpaqueField field, byte[] data) throws NvidiaVerificationException {
        if (data.length % 8 != 0) {
            throw NvidiaVerificationException.format(field.claimName() + " is not a list of 8-byte values");
        }
        List<String> pdis = new ArrayList<>();
        for (int i = 0; i < data.length; i += 8) {
            pdis.add(Hex.of(java.util.Arrays.copyOfRange(data, i, i + 8)));
        }
        return List.copyOf(pdis);
    }

    private static long littleEndian(OpaqueField field, byte[] data) throws NvidiaVerificationException {
        if (data.length > 8 || data.length == 8 && data[7] < 0) {
            throw NvidiaVerificationException.format(field.claimName() + " is too large an integer");
        }
        long value = 0;
        for (int i = data.length - 1; i >= 0; i--) {
            value = value << 8 | (data[i] & 0xFF);
        }
        return value;
    }
}
