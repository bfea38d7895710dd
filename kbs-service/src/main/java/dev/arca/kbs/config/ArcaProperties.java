package dev.arca.kbs.config;

import dev.arca.kbs.admin.AdminMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys shared by the three Arca services (docs/architecture.md "Common to the three services").
 *
 * @param dataDir where the H2 database and generated keys (the KEK, the certificate CA) live
 * @param admin   who may call the admin API
 */
@ConfigurationProperties("arca")
public record ArcaProperties(@DefaultValue("./data/kbs") Path dataDir, @DefaultValue Admin admin) {

    /**
     * Admin authentication and authorisation (docs/kbs.md "Admin API"; upstream's model in Trustee KBS admin.md).
     *
     * @param mode           {@code authenticated} (default), {@code deny-all}, or {@code insecure-allow-all}
     *                       (development only; logs loudly)
     * @param publicKeyFiles PEM files whose keys may sign admin JWTs (Ed25519, ES256/384/512, RS256…)
     * @param jwksUrl        a JWK set (https/http URL or file) whose keys may sign admin JWTs; tokens name the key by
     *                       {@code kid}
     * @param requiredRole   the superuser role: full access unless {@code acl} lists rules for it
     * @param acl            per role, rules "METHOD /path-regex" ({@code *} for any method); the regex must match the
     *                       whole request path
     * @param issuer         when set, the {@code iss} an admin JWT must carry
     * @param audience       when set, a value the {@code aud} of an admin JWT must contain
     */
    public record Admin(
            @DefaultValue("authenticated") AdminMode mode,
            List<Path> publicKeyFiles,
            URI jwksUrl,
            @DefaultValue("admin") String requiredRole,
            Map<String, List<String>> acl,
            String issuer,
            String audience) {

        public Admin {
            publicKeyFiles = publicKeyFiles == null ? List.of() : List.copyOf(publicKeyFiles);
            acl = acl == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(acl));
            if (requiredRole == null || requiredRole.isBlank()) {
                throw new IllegalArgumentException("arca.admin.required-role must not be blank");
            }
        }

        /** Authenticated mode with PEM keys and the default role, as the walking skeleton configured it. */
        public static Admin withKeys(List<Path> publicKeyFiles, String requiredRole) {
            return new Admin(AdminMode.AUTHENTICATED, publicKeyFiles, null, requiredRole, Map.of(), null, null);
        }
    }
}
