package dev.arca.attestation.token;

import dev.arca.attestation.AttestationServiceApplication;
import org.springframework.stereotype.Component;

/**
 * {@code ear.verifier-id} of every token (Trustee attestation_token.md): developer and build. The build carries the
 * jar's Implementation-Version, so a relying party can tell which AS release appraised the evidence.
 */
@Component
public class VerifierIdentity {

    static final String DEVELOPER = "https://arca.dev";
    static final String NAME = "attestation-service";
    /** Used when running from classes rather than the jar (IDE, tests). */
    static final String UNPACKAGED_VERSION = "development";

    private final String build;

    public VerifierIdentity() {
        String version = AttestationServiceApplication.class.getPackage().getImplementationVersion();
        this.build = NAME + " " + (version == null || version.isBlank() ? UNPACKAGED_VERSION : version);
    }

    public String developer() {
        return DEVELOPER;
    }

    public String build() {
        return build;
    }
}
