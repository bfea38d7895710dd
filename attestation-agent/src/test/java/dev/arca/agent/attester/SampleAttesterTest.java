package dev.arca.agent.attester;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.json.Json;
import dev.arca.model.tee.Tee;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SampleAttesterTest {

    @Test
    void sampleEvidenceIsSvnOneAndTheReportDataAsGiven() {
        String evidence = Json.write(new SampleAttester().evidence("xxxx".getBytes(StandardCharsets.US_ASCII)));

        // guest-components sample attester: the REST example, no padding or truncation
        assertThat(evidence).isEqualTo("{\"svn\":\"1\",\"report_data\":\"eHh4eA==\"}");
        assertThat(new SampleAttester().tee()).isEqualTo(Tee.SAMPLE);
    }

    @Test
    void emptyReportDataGivesAnEmptyString() {
        assertThat(new SampleAttester().evidence(new byte[0]).get("report_data").asString()).isEmpty();
    }

    @Test
    void longReportDataIsNotTruncated() {
        byte[] big = new byte[100];
        big[99] = 7;

        String encoded = new SampleAttester().evidence(big).get("report_data").asString();

        assertThat(java.util.Base64.getDecoder().decode(encoded)).isEqualTo(big);
    }

    @Test
    void sampleDeviceEvidenceIsSvnTwo() {
        String evidence = Json.write(new SampleDeviceAttester().evidence(new byte[] {1, 2, 3}));

        assertThat(evidence).isEqualTo("{\"svn\":\"2\",\"report_data\":\"AQID\"}");
        assertThat(new SampleDeviceAttester().tee()).isEqualTo(Tee.SAMPLE_DEVICE);
    }
}
