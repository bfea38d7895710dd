package dev.arca.kbs.config;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys shared by the three Arca services (docs/architecture.md "Common to the three services").
 *
 * @param dataDir where the H2 database and generated keys (the KEK) live
 * @param admin   who may call the admin API
 */
@ConfigurationProperties("arca")
public record ArcaProperties(@DefaultValue("./data/kbs") Path dataDir, @DefaultValue Admin admin) {

    /**
     * @param publicKeyFiles PEM files whose keys may sign admin JWTs; none configured means every admin call is
     *                       refused (the admin API is never open)
     * @param requiredRole   the value the JWT {@code role} claim must have
     */
    public record Admin(List<Path> publicKeyFiles, @DefaultValue("admin") String requiredRole) {

        public Admin {
            publicKeyFiles = publicKeyFiles == null ? List.of() : List.copyOf(publicKeyFiles);
            if (requiredRole == null || requiredRole.isBlank()) {
                throw new IllegalArgumentException("arca.admin.required-role must not be blank");
            }
        }
    }
}
