package dev.arca.attestation.verifier.cca;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import dev.arca.cca.CcaTokenVerifier;
import dev.arca.cca.store.ReferenceValueStore;
import dev.arca.cca.store.TrustAnchorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the CCA configuration once at startup: the local stores, or the Veraison verifier's URL and key. A configured
 * file that cannot be read, or a remote mode without URL or key, stops the service.
 */
@Configuration(proxyBeanMethods = false)
class CcaConfiguration {

    @Bean
    CcaVerifier ccaVerifier(CcaProperties properties, JsonMapper json) {
        if (properties.mode() == CcaProperties.Mode.REMOTE) {
            CcaProperties.Remote remote = properties.remote();
            if (remote.url() == null || remote.verifierKey() == null) {
                throw new IllegalStateException("arca.as.cca.mode=remote needs arca.as.cca.remote.url and"
                        + " arca.as.cca.remote.verifier-key (Veraison's EAR verification key)");
            }
            if (!"https".equals(remote.url().getScheme()) && !"http".equals(remote.url().getScheme())) {
                throw new IllegalStateException("arca.as.cca.remote.url must be an http(s) URL: " + remote.url());
            }
            return new CcaVerifier(new RemoteCcaAppraisal(new VeraisonSession(remote, json),
                    new VeraisonEar(verifierKey(remote.verifierKey()), json)));
        }
        if (properties.trustAnchorStore() == null || properties.referenceValueStore() == null) {
            return new CcaVerifier(Optional.empty());
        }
        TrustAnchorStore trustAnchors = TrustAnchorStore.parse(read(properties.trustAnchorStore(),
                "arca.as.cca.trust-anchor-store"));
        ReferenceValueStore referenceValues = ReferenceValueStore.parse(read(properties.referenceValueStore(),
                "arca.as.cca.reference-value-store"));
        return new CcaVerifier(Optional.of(new CcaTokenVerifier(trustAnchors, referenceValues)));
    }

    /** A public JWK (Veraison's well-known {@code ear-verification-key}) or a PEM public key. */
    static JWK verifierKey(Path file) {
        String text = read(file, "arca.as.cca.remote.verifier-key");
        try {
            JWK key = text.strip().startsWith("{") ? JWK.parse(text) : JWK.parseFromPEMEncodedObjects(text);
            if (key.isPrivate()) {
                throw new IllegalStateException("arca.as.cca.remote.verifier-key: " + file
                        + " holds a private key; configure Veraison's public key only");
            }
            return key;
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("arca.as.cca.remote.verifier-key: " + file
                    + " is neither a public JWK nor a PEM public key: " + e.getMessage(), e);
        }
    }

    private static String read(Path file, String property) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(property + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
