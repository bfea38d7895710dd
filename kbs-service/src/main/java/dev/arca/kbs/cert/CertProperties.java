package dev.arca.kbs.cert;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The certificate plugin ({@code POST /kbs/v0/cert/issue}; docs/kbs.md "Certificate plugin").
 *
 * @param enabled    whether the plugin is served at all
 * @param validity   lifetime of an issued certificate (short: the guest asks again after re-attesting)
 * @param caKeyFile  PEM private key of the issuing CA (PKCS#8 or SEC1 EC); with {@code caCertFile}, or neither
 * @param caCertFile PEM certificate of the issuing CA, optionally followed by its own chain
 * @param caSubject  subject of the CA generated into {@code ${arca.data-dir}/cert-ca/} when no CA is configured
 */
@ConfigurationProperties("arca.kbs.cert")
public record CertProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("24h") Duration validity,
        Path caKeyFile,
        Path caCertFile,
        @DefaultValue("CN=Arca KBS certificate CA") String caSubject) {

    public static final Duration MAX_VALIDITY = Duration.ofDays(398);

    public CertProperties {
        if (validity == null || validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("arca.kbs.cert.validity must be positive and at most 398 days");
        }
        if ((caKeyFile == null) != (caCertFile == null)) {
            throw new IllegalArgumentException("set both arca.kbs.cert.ca-key-file and arca.kbs.cert.ca-cert-file, "
                    + "or neither (a CA is then generated into the data directory)");
        }
    }
}
