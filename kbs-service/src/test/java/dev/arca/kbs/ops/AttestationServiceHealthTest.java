package dev.arca.kbs.ops;

import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.testing.FakeAttestationServer;
import dev.arca.kbs.testing.TestProperties;
import dev.arca.kbs.upstream.AttestationServiceClient;
import dev.arca.kbs.upstream.UpstreamHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class AttestationServiceHealthTest {

    static AttestationServiceHealth health(String url) {
        KbsProperties properties = TestProperties.kbs(url, Duration.ofSeconds(2));
        return new AttestationServiceHealth(new AttestationServiceClient(new UpstreamHttp(properties), properties));
    }

    @Test
    void upWhileTheAsAnswersDownWhenItDoesNot() {
        FakeAttestationServer as = new FakeAttestationServer();
        AttestationServiceHealth indicator = health(as.url());
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        as.close();
        var down = indicator.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("reason").toString()).contains("attestation service");
    }
}
