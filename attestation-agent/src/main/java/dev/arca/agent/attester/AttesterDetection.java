package dev.arca.agent.attester;

import dev.arca.agent.attester.azure.AzSnpVtpmAttester;
import dev.arca.agent.attester.azure.AzTdxVtpmAttester;
import dev.arca.agent.attester.azure.AzureImds;
import dev.arca.agent.attester.azure.AzureIsolation;
import dev.arca.agent.attester.sgx.SgxAttester;
import dev.arca.agent.attester.snp.SnpAttester;
import dev.arca.agent.attester.tdx.TdxAttester;
import dev.arca.agent.attester.tpm.TpmAttester;
import dev.arca.agent.platform.Platform;
import dev.arca.model.tee.Tee;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks the attesters of this machine (guest-components attesters): the first primary TEE found in upstream's order
 * tdx → sgx → az-tdx-vtpm → az-snp-vtpm → snp → tpm, falling back to {@code sample}; or the TEE named in the
 * configuration, without probing. Additional devices: {@code sampledevice} when {@code ENABLE_SAMPLE_DEVICE} is set.
 * csv, cca, se and the NVIDIA devices have no attester in this agent.
 */
public final class AttesterDetection {

    /**
     * Upstream's switch for the sample device attester: set to any value enables it (guest-components sample device
     * attester).
     */
    public static final String ENABLE_SAMPLE_DEVICE = "ENABLE_SAMPLE_DEVICE";

    /** The TEEs this agent can attest as primary, in detection order. */
    public static final List<Tee> PRIMARY_TEES = List.of(Tee.TDX, Tee.SGX, Tee.AZ_TDX_VTPM, Tee.AZ_SNP_VTPM, Tee.SNP,
            Tee.TPM, Tee.SAMPLE);

    private final Platform platform;
    private final Path aael;
    private final AzureImds imds;

    /**
     * @param aael the agent's event log, appended to TDX evidence (guest-components TDX attester)
     * @param imds Azure's metadata service, asked by the vTPM attesters
     */
    public AttesterDetection(Platform platform, Path aael, AzureImds imds) {
        this.platform = platform;
        this.aael = aael;
        this.imds = imds;
    }

    /** The first TEE of {@link #PRIMARY_TEES} present on this machine; {@code sample} when none is. */
    public Tee detectPrimary() {
        if (TdxAttester.detect(platform)) {
            return Tee.TDX;
        }
        if (SgxAttester.detect(platform).isPresent()) {
            return Tee.SGX;
        }
        Optional<Tee> azure = AzureIsolation.detect(platform);
        if (azure.isPresent()) {
            return azure.get();
        }
        if (SnpAttester.detect(platform)) {
            return Tee.SNP;
        }
        if (TpmAttester.detect(platform)) {
            return Tee.TPM;
        }
        return Tee.SAMPLE;
    }

    /** The attester for {@code configured}, or for the detected TEE when none is configured. */
    public Attester primary(Optional<Tee> configured) throws AttesterException {
        return create(configured.orElseGet(this::detectPrimary));
    }

    /** The attester for a named TEE; its device is only touched when evidence is asked for. */
    public Attester create(Tee tee) throws AttesterException {
        return switch (tee) {
            case TDX -> new TdxAttester(platform, aael);
            case SGX -> new SgxAttester(platform, SgxAttester.detect(platform).orElse(SgxAttester.LibOs.GRAMINE));
            case AZ_TDX_VTPM -> AzTdxVtpmAttester.open(platform, imds);
            case AZ_SNP_VTPM -> AzSnpVtpmAttester.open(platform, imds);
            case SNP -> new SnpAttester(platform);
            case TPM -> new TpmAttester(platform);
            case SAMPLE -> new SampleAttester();
            case SAMPLE_DEVICE -> new SampleDeviceAttester();
            default -> throw new AttesterException("this agent has no attester for " + tee.wireName()
                    + "; supported: " + PRIMARY_TEES.stream().map(Tee::wireName).toList());
        };
    }

    /** The additional-device attesters enabled here. */
    public List<Attester> additionalDevices() {
        List<Attester> devices = new ArrayList<>();
        if (platform.environment().containsKey(ENABLE_SAMPLE_DEVICE)) {
            devices.add(new SampleDeviceAttester());
        }
        return List.copyOf(devices);
    }
}
