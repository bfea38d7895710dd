package dev.arca.model.tee;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * TEE types with their kbs-types 0.18 wire names (Trustee kbs_attestation_protocol.md) and the device class they attest
 * as.
 */
public enum Tee {
    AZ_SNP_VTPM("az-snp-vtpm", "cpu", "azsnpvtpm"),
    AZ_TDX_VTPM("az-tdx-vtpm", "cpu", "aztdxvtpm"),
    SGX("sgx", "cpu"),
    SNP("snp", "cpu"),
    TDX("tdx", "cpu"),
    CCA("cca", "cpu"),
    CSV("csv", "cpu"),
    SE("se", "cpu"),
    TPM("tpm", "cpu"),
    NVIDIA("nvidia", "gpu"),
    HYGON_DCU("hygondcu", "dcu"),
    NVIDIA_DPU("nvidia-dpu", "nvidia-dpu"),
    SAMPLE("sample", "cpu"),
    SAMPLE_DEVICE("sampledevice", "gpu");

    private final String wireName;
    private final String deviceClass;
    private final List<String> aliases;

    Tee(String wireName, String deviceClass, String... aliases) {
        this.wireName = wireName;
        this.deviceClass = deviceClass;
        this.aliases = List.of(aliases);
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The EAR submod class: cpu, gpu, dcu, ... (Trustee deps/verifier). */
    public String deviceClass() {
        return deviceClass;
    }

    /** Accepts the current names and the pre-v0.16 Azure spellings. */
    public static Optional<Tee> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(t -> t.wireName.equals(name) || t.aliases.contains(name))
                .findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Tee::wireName).toList();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
