package dev.arca.agent.kbs;

import java.util.Arrays;
import java.util.Optional;

/**
 * The TEE key types a guest may offer for resource encryption (guest-components kbs_protocol, upstream config key
 * {@code tee_key_algorithm}), with the JWE key-management algorithm the KBS will use for each (Trustee
 * kbs_attestation_protocol.md).
 */
public enum TeeKeyAlgorithm {
    /** The upstream default. */
    P256("ECDH-ES+A256KW-P256", "p256", "ECDH-ES+A256KW"),
    P521("ECDH-ES+A256KW-P521", "p521", "ECDH-ES+A256KW"),
    /** RSA 3072 bits (upstream uses 2048; 3072 keeps to the 128-bit level of the EC options). */
    RSA("RSA-OAEP-256", "rsa", "RSA-OAEP-256"),
    /**
     * RSA 3072 bits announced for RSAES-PKCS1-v1_5: the only kind protocol 0.1.x KBSes can encrypt to
     * (the Trustee KBS protocol before 0.2.0). Deprecated for anything newer.
     */
    RSA1_5("RSA1_5", "rsa1_5", "RSA1_5");

    public static final int RSA_BITS = 3072;

    private final String configName;
    private final String cliName;
    private final String jweAlgorithm;

    TeeKeyAlgorithm(String configName, String cliName, String jweAlgorithm) {
        this.configName = configName;
        this.cliName = cliName;
        this.jweAlgorithm = jweAlgorithm;
    }

    /** The upstream configuration value, e.g. {@code ECDH-ES+A256KW-P256}. */
    public String configName() {
        return configName;
    }

    /** The short name the CLI accepts: p256, p521, rsa, rsa1_5. */
    public String cliName() {
        return cliName;
    }

    /** The {@code alg} member of the exported tee-pubkey JWK. */
    public String jweAlgorithm() {
        return jweAlgorithm;
    }

    public boolean isRsa() {
        return this == RSA || this == RSA1_5;
    }

    /** Accepts the CLI name or the upstream configuration value. */
    public static Optional<TeeKeyAlgorithm> fromName(String name) {
        return Arrays.stream(values())
                .filter(a -> a.cliName.equalsIgnoreCase(name) || a.configName.equals(name))
                .findFirst();
    }
}
