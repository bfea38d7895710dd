package dev.arca.nvidia.spdm;

import java.util.Optional;

/**
 * The typed fields NVIDIA carries in the OpaqueData of its MEASUREMENTS response (type u16, size u16, data), with the
 * claim names NVIDIA's nvtrust verifier and Trustee give them, and how each value is rendered as a claim.
 */
public enum OpaqueField {
    CERT_ISSUER_NAME(1, "cert_issuer_name", Rendering.HEX),
    CERT_AUTHORITY_KEY_IDENTIFIER(2, "cert_authority_key_identifier", Rendering.HEX),
    DRIVER_VERSION(3, "driver_version", Rendering.TEXT),
    GPU_INFO(4, "gpu_info", Rendering.HEX),
    ID_SKU(5, "id_sku", Rendering.HEX),
    VBIOS_VERSION(6, "vbios_version", Rendering.VBIOS),
    MANUFACTURER_ID(7, "manufacturer_id", Rendering.HEX),
    TAMPER_DETECTION(8, "tamper_detection", Rendering.HEX),
    SMC(9, "smc", Rendering.HEX),
    VPR(10, "vpr", Rendering.HEX),
    NVDEC0_STATUS(11, "nvdec0_status", Rendering.NVDEC_STATUS),
    MEASUREMENT_COUNT(12, "measurement_count", Rendering.U32_LIST),
    CPR_INFO(13, "cpr_info", Rendering.HEX),
    BOARD_ID(14, "board_id", Rendering.HEX),
    CHIP_SKU(15, "chip_sku", Rendering.TEXT),
    CHIP_SKU_MOD(16, "chip_sku_mod", Rendering.TEXT),
    PROJECT(17, "project", Rendering.TEXT),
    PROJECT_SKU(18, "project_sku", Rendering.TEXT),
    PROJECT_SKU_MOD(19, "project_sku_mod", Rendering.HEX),
    FWID(20, "fwid", Rendering.HEX),
    PROTECTED_PCIE_STATUS(21, "protected_pcie_status", Rendering.HEX),
    SWITCH_PDI(22, "switch_pdi", Rendering.PDI_LIST),
    FLOORSWEPT_PORTS(23, "floorswept_ports", Rendering.HEX),
    POSITION_ID(24, "position_id", Rendering.HEX),
    LOCK_SWITCH_STATUS(25, "lock_switch_status", Rendering.HEX),
    GPU_LINK_CONN(32, "gpu_link_conn", Rendering.HEX),
    SYS_ENABLE_STATUS(33, "sys_enable_status", Rendering.HEX),
    OPAQUE_DATA_VERSION(34, "opaque_data_version", Rendering.U64),
    CHIP_INFO(35, "chip_info", Rendering.TEXT),
    FEATURE_FLAG(36, "feature_flag", Rendering.FEATURE_FLAG);

    /** How a field's bytes become a claim value. */
    enum Rendering {
        /** lower-case hex of the bytes */
        HEX,
        /** ASCII, trailing NULs removed */
        TEXT,
        /** the first half reversed and dot-separated, then the first byte of the second half ("96.00.9f.00.01") */
        VBIOS,
        /** 0xAA "enabled", 0x55 "disabled", anything else refused */
        NVDEC_STATUS,
        /** little-endian u32 values, one per measurement index starting at 1 */
        U32_LIST,
        /** 8-byte chunks as hex strings */
        PDI_LIST,
        /** a little-endian integer of at most 8 bytes */
        U64,
        /** 0 SPT, 1 MPT, 2 PPCIE (single-GPU, multi-GPU, protected PCIe passthrough) */
        FEATURE_FLAG
    }

    private final int id;
    private final String claimName;
    private final Rendering rendering;

    OpaqueField(int id, String claimName, Rendering rendering) {
        this.id = id;
        this.claimName = claimName;
        this.rendering = rendering;
    }

    public int id() {
        return id;
    }

    public String claimName() {
        return claimName;
    }

    Rendering rendering() {
        return rendering;
    }

    static Optional<OpaqueField> byId(int id) {
        for (OpaqueField field : values()) {
            if (field.id == id) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
