package dev.arca.kbs.testing;

import dev.arca.kbs.config.KbsProperties;
import java.net.URI;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** KBS configuration for tests that build components by hand. */
public final class TestProperties {

    private TestProperties() {
    }

    public static KbsProperties kbs(String asUrl, Duration readTimeout) {
        return new KbsProperties(URI.create(asUrl), URI.create(asUrl), Duration.ofMinutes(5), 100, Duration.ofSeconds(60), null,
                DataSize.ofMegabytes(2), DataSize.ofMegabytes(1), new KbsProperties.Jwe(false),
                new KbsProperties.Http(Duration.ofSeconds(2), readTimeout),
                new KbsProperties.Token(Duration.ofSeconds(60), Duration.ofSeconds(30)));
    }
}
