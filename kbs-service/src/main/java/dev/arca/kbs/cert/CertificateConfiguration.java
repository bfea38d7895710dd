package dev.arca.kbs.cert;

import dev.arca.kbs.config.ArcaProperties;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the certificate plugin unless {@code arca.kbs.cert.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "arca.kbs.cert.enabled", havingValue = "true", matchIfMissing = true)
public class CertificateConfiguration {

    @Bean
    public CertificatePlugin certificatePlugin(CertProperties properties, ArcaProperties arca, Clock clock)
            throws IOException {
        CertificateAuthority ca = CertificateAuthority.load(properties, arca.dataDir(), clock);
        return new CertificatePlugin(new CertificateIssuer(ca, properties.validity(), clock));
    }
}
