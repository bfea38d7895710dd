package dev.arca.model.tee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.json.Json;
import org.junit.jupiter.api.Test;

class TeeTest {

    @Test
    void wireNamesAndLegacyAzureAliases() {
        assertThat(Tee.fromWire("az-snp-vtpm")).contains(Tee.AZ_SNP_VTPM);
        assertThat(Tee.fromWire("azsnpvtpm")).contains(Tee.AZ_SNP_VTPM);
        assertThat(Tee.fromWire("aztdxvtpm")).contains(Tee.AZ_TDX_VTPM);
        assertThat(Tee.fromWire("sev")).isEmpty();
        assertThat(Json.write(Tee.SAMPLE_DEVICE)).isEqualTo("\"sampledevice\"");
        assertThat(Tee.SAMPLE_DEVICE.deviceClass()).isEqualTo("gpu");
    }
}
