package dev.arca.tpm.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * EV_EFI_BOOT_SERVICES_APPLICATION data (UEFI_IMAGE_LOAD_EVENT: ImageLocationInMemory u64, ImageLengthInMemory u64,
 * ImageLinkTimeAddress u64, LengthOfDevicePath u64, DevicePath) rendered as {@code device_paths}, one text per
 * device-path node in UEFI's text notation for the node types trustee decodes: PCI, ACPI, hard drive, vendor media
 * and file path. Other nodes are rendered {@code Path(type,subtype,hex)}. The end-of-path node is not listed.
 */
final class DevicePathDecoder {

    private DevicePathDecoder() {
    }

    static void bootServicesApplication(byte[] data, ObjectNode details)
            throws EventDetailsDecoder.MalformedEventData {
        if (data.length < 32) {
            throw new EventDetailsDecoder.MalformedEventData();
        }
        long pathLength = LeBytes.u64(data, 24);
        if (pathLength == 0) {
            return;
        }
        // the last 4 bytes are the End Entire Device Path node
        if (pathLength < 8 || !LeBytes.fits(data, 32, pathLength - 4)) {
            throw new EventDetailsDecoder.MalformedEventData();
        }
        byte[] path = Arrays.copyOfRange(data, 32, 32 + (int) pathLength - 4);
        ArrayNode paths = details.putArray("device_paths");
        int offset = 0;
        while (offset < path.length) {
            if (!LeBytes.fits(path, offset, 4)) {
                throw new EventDetailsDecoder.MalformedEventData();
            }
            int type = path[offset] & 0xFF;
            int subType = path[offset + 1] & 0xFF;
            int length = LeBytes.u16(path, offset + 2);
            if (length < 4 || !LeBytes.fits(path, offset, length)) {
                throw new EventDetailsDecoder.MalformedEventData();
            }
            paths.add(node(type, subType, Arrays.copyOfRange(path, offset + 4, offset + length)));
            offset += length;
        }
    }

    private static String node(int type, int subType, byte[] data) {
        String text = switch (type) {
            case 0x01 -> subType == 0x01 && data.length >= 2 ? "Pci(" + (data[0] & 0xFF) + "," + (data[1] & 0xFF) + ")"
                    : null;
            case 0x02 -> subType == 0x01 ? acpi(data) : null;
            case 0x04 -> media(subType, data);
            default -> null;
        };
        return text != null ? text : "Path(" + type + "," + subType + "," + HexFormat.of().formatHex(data) + ")";
    }

    /** ACPI _HID compressed EISA id: three 5-bit letters from '@' and a 16-bit product number, then _UID. */
    private static String acpi(byte[] data) {
        if (data.length < 8) {
            return null;
        }
        long hid = LeBytes.u32(data, 0);
        long uid = LeBytes.u32(data, 4);
        long vendor = hid & 0xFFFF;
        char c1 = (char) (((vendor >> 10) & 0x1F) + '@');
        char c2 = (char) (((vendor >> 5) & 0x1F) + '@');
        char c3 = (char) ((vendor & 0x1F) + '@');
        return String.format(Locale.ROOT, "ACPI(%c%c%c%04X,%d)", c1, c2, c3, hid >> 16, uid);
    }

    private static String media(int subType, byte[] data) {
        return switch (subType) {
            case 0x01 -> hardDrive(data);
            case 0x03 -> data.length < 16 ? null
                    : "VenMedia(" + guid(data, 0) + "," + HexFormat.of().formatHex(data, 16, data.length) + ")";
            case 0x04 -> data.length == 0 || data.length % 2 != 0 ? null
                    : "File(" + new String(data, 0, data.length - 2, StandardCharsets.UTF_16LE) + ")";
            default -> null;
        };
    }

    /** HARDDRIVE_DEVICE_PATH: partition u32, start LBA u64, size LBA u64, signature[16], format u8, type u8. */
    private static String hardDrive(byte[] data) {
        if (data.length < 38) {
            return null;
        }
        long partition = LeBytes.u32(data, 0);
        long start = LeBytes.u64(data, 4);
        long size = LeBytes.u64(data, 12);
        String signature;
        String format;
        switch (data[36]) {
            case 0x01 -> {
                format = "MBR";
                signature = String.format(Locale.ROOT, "0x%08x", LeBytes.u32(data, 20));
            }
            case 0x02 -> {
                format = "GPT";
                signature = guid(data, 20);
            }
            default -> {
                return null;
            }
        }
        String range = partition != 0
                ? "," + "0x" + Long.toHexString(start) + "," + "0x" + Long.toHexString(size) : "";
        return "HD(" + partition + "," + format + "," + signature + range + ")";
    }

    /** EFI_GUID in its registry form: Data1 u32, Data2 u16, Data3 u16 little-endian, then 8 bytes, upper case. */
    static String guid(byte[] data, int offset) {
        return String.format(Locale.ROOT, "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X",
                LeBytes.u32(data, offset), LeBytes.u16(data, offset + 4), LeBytes.u16(data, offset + 6),
                data[offset + 8], data[offset + 9], data[offset + 10], data[offset + 11], data[offset + 12],
                data[offset + 13], data[offset + 14], data[offset + 15]);
    }
}
