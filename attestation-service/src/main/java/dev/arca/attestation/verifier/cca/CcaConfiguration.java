package dev.arca.attestation.verifier.cca;

import dev.arca.cca.CcaTokenVerifier;
import dev.arca.cca.store.ReferenceValueStore;
import dev.arca.cca.store.TrustAnchorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the CCA stores once at startup; a configured store that cannot be read stops the service. */
@Configuration(proxyBeanMethods = false)
class CcaConfiguration {

    @Bean
    CcaVerifier ccaVerifier(CcaProperties properties) {
        if (properties.trustAnchorStore() == null || properties.referenceValueStore() == null) {
            return new CcaVerifier(Optional.empty());
        }
        TrustAnchorStore trustAnchors = TrustAnchorStore.parse(read(properties.trustAnchorStore(),
                "arca.as.cca.trust-anchor-store"));
        ReferenceValueStore referenceValues = ReferenceValueStore.parse(read(properties.referenceValueStore(),
                "arca.as.cca.reference-value-store"));
        return new CcaVerifier(Optional.of(new CcaTokenVerifier(trustAnchors, referenceValues)));
    }

    private static String read(Path file, String property) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(property + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
