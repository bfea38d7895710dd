package dev.arca.tpm.eventlog;

import java.util.Locale;
import java.util.Optional;

/**
 * Event types of the TCG PC Client Platform Firmware Profile (and UEFI EFI_* types); {@link #name()} is the
 * {@code type_name} claim (e.g. {@code EV_EFI_VARIABLE_BOOT}).
 */
public enum TcgEventType {
    EV_PREBOOT_CERT(0x0L),
    EV_POST_CODE(0x1L),
    EV_UNUSED(0x2L),
    EV_NO_ACTION(0x3L),
    EV_SEPARATOR(0x4L),
    EV_ACTION(0x5L),
    EV_EVENT_TAG(0x6L),
    EV_S_CRTM_CONTENTS(0x7L),
    EV_S_CRTM_VERSION(0x8L),
    EV_CPU_MICROCODE(0x9L),
    EV_PLATFORM_CONFIG_FLAGS(0xAL),
    EV_TABLE_OF_DEVICES(0xBL),
    EV_COMPACT_HASH(0xCL),
    EV_IPL(0xDL),
    EV_IPL_PARTITION_DATA(0xEL),
    EV_NONHOST_CODE(0xFL),
    EV_NONHOST_CONFIG(0x10L),
    EV_NONHOST_INFO(0x11L),
    EV_OMIT_BOOT_DEVICE_EVENTS(0x12L),
    EV_EFI_EVENT_BASE(0x80000000L),
    EV_EFI_VARIABLE_DRIVER_CONFIG(0x80000001L),
    EV_EFI_VARIABLE_BOOT(0x80000002L),
    EV_EFI_BOOT_SERVICES_APPLICATION(0x80000003L),
    EV_EFI_BOOT_SERVICES_DRIVER(0x80000004L),
    EV_EFI_RUNTIME_SERVICES_DRIVER(0x80000005L),
    EV_EFI_GPT_EVENT(0x80000006L),
    EV_EFI_ACTION(0x80000007L),
    EV_EFI_PLATFORM_FIRMWARE_BLOB(0x80000008L),
    EV_EFI_HANDOFF_TABLES(0x80000009L),
    EV_EFI_PLATFORM_FIRMWARE_BLOB2(0x8000000AL),
    EV_EFI_HANDOFF_TABLES2(0x8000000BL),
    EV_EFI_VARIABLE_BOOT2(0x8000000CL),
    EV_EFI_HCRTM_EVENT(0x80000010L),
    EV_EFI_VARIABLE_AUTHORITY(0x800000E0L),
    EV_EFI_SPDM_FIRMWARE_BLOB(0x800000E1L),
    EV_EFI_SPDM_FIRMWARE_CONFIG(0x800000E2L);

    private final long code;

    TcgEventType(long code) {
        this.code = code;
    }

    public long code() {
        return code;
    }

    public static Optional<TcgEventType> fromCode(long code) {
        for (TcgEventType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The claim name of an event type; types outside the profile keep their number. */
    public static String nameOf(long code) {
        return fromCode(code).map(Enum::name)
                .orElse(String.format(Locale.ROOT, "EV_UNKNOWN_0x%08X", code));
    }
}
