package dev.arca.kbs.testing;

import dev.arca.kbs.config.KbsProperties;
import java.net.URI;
import dev.arca.kbs.session.SessionStoreKind;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** KBS configuration for tests that build components by hand. */
public final class TestProperties {

    private TestProperties() {
    }

    public static KbsProperties kbs(String asUrl, Duration readTimeout) {
        return new KbsProperties(URI.create(asUrl), URI.create(asUrl), SessionStoreKind.MEMORY, Duration.ofMinutes(5),
                100, Duration.ofSeconds(60), List.of("0.1.0", "0.1.1", "0.2.0", "0.3.0", "0.4.0"), null, null,
                DataSize.ofMegabytes(2), DataSize.ofMegabytes(1), new KbsProperties.Jwe(false),
                new KbsProperties.Http(Duration.ofSeconds(2), readTimeout));
    }
}
