package dev.arca.service.security;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call a service's admin endpoints (docs/security.md), the same keys in the KBS, the AS and the RVPS.
 *
 * @param mode           {@code authenticated} (default), {@code deny-all} or {@code insecure-allow-all}
 * @param publicKeyFiles PEM files whose keys may sign admin JWTs (Ed25519 with header alg EdDSA or Ed25519,
 *                       ES256/384/512, RS256…/PS512); with no {@code jwksUrl} either, every admin call is refused
 * @param jwksUrl        a JWK set whose keys, named by the token's {@code kid}, may sign admin JWTs
 * @param issuer         when set, the {@code iss} an admin JWT must carry
 * @param audience       when set, a value the {@code aud} of an admin JWT must contain
 * @param requiredRole   the superuser role (the {@code role} claim); full access unless {@code acl} lists rules for it
 * @param clockSkew      tolerance on {@code exp} and {@code nbf} (upstream's 60 s)
 * @param acl            KBS only: per role, rules {@code "METHOD /path-regex"}; the regex must match the whole path
 * @param defaultRoles   roles for admin tokens without a {@code role} claim, per signing key (older upstream
 *                       kbs-client versions sign none); empty by default, so such tokens are refused
 */
@ConfigurationProperties("arca.admin")
public record AdminProperties(
        @DefaultValue("authenticated") AdminMode mode,
        List<Path> publicKeyFiles,
        URI jwksUrl,
        String issuer,
        String audience,
        @DefaultValue("admin") String requiredRole,
        @DefaultValue("60s") Duration clockSkew,
        Map<String, List<String>> acl,
        List<DefaultRole> defaultRoles) {

    public AdminProperties {
        publicKeyFiles = publicKeyFiles == null ? List.of() : List.copyOf(publicKeyFiles);
        acl = acl == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(acl));
        defaultRoles = defaultRoles == null ? List.of() : List.copyOf(defaultRoles);
        List<Path> adminKeys = publicKeyFiles.stream().map(AdminProperties::canonical).toList();
        for (DefaultRole entry : defaultRoles) {
            // a default role never makes a key an admin key: it only completes tokens an admin key signed
            if (!adminKeys.contains(canonical(entry.publicKeyFile()))) {
                throw new IllegalArgumentException("arca.admin.default-roles: " + entry.publicKeyFile()
                        + " is not one of arca.admin.public-key-files");
            }
        }
        if (requiredRole == null || requiredRole.isBlank()) {
            throw new IllegalArgumentException("arca.admin.required-role must not be blank");
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("arca.admin.clock-skew must not be negative");
        }
    }

    /** Authenticated mode with PEM keys and the default settings otherwise. */
    public static AdminProperties withKeys(List<Path> publicKeyFiles, String requiredRole) {
        return new AdminProperties(AdminMode.AUTHENTICATED, publicKeyFiles, null, null, null, requiredRole,
                Duration.ofSeconds(60), Map.of(), List.of());
    }

    private static Path canonical(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /**
     * The role an admin token signed by the key of {@code publicKeyFile} gets when it carries no {@code role} claim at
     * all (a blank or non-string role is still refused).
     *
     * @param publicKeyFile one of {@code arca.admin.public-key-files}
     * @param role          the role given, judged like a claimed one (the superuser role, an ACL role, reader…)
     */
    public record DefaultRole(Path publicKeyFile, String role) {

        public DefaultRole {
            if (publicKeyFile == null) {
                throw new IllegalArgumentException("arca.admin.default-roles[].public-key-file must be set");
            }
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("arca.admin.default-roles[].role must not be blank");
            }
        }
    }
}
