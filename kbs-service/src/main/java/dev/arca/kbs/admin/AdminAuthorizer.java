package dev.arca.kbs.admin;

import dev.arca.kbs.config.ArcaProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.jwks.JwkSetLocations;
import dev.arca.kbs.upstream.UpstreamHttp;
import dev.arca.model.admin.AdminAuthException;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.admin.AdminKeySource;
import dev.arca.model.admin.AdminTokenVerifier;
import dev.arca.model.admin.JwkSetCache;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.error.KbsErrorType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Admin authentication and authorisation (docs/kbs.md "Admin API"), by {@code arca.admin.mode}:
 * <ul>
 * <li>{@code authenticated} (default): a bearer JWT verified by common-model's {@link AdminTokenVerifier}, the scheme
 * all three services share (specs/kbs.md §5.1: keys from PEM files and/or a JWK set, {@code EdDSA}/{@code Ed25519}
 * for Ed25519 keys, {@code exp} with upstream's 60 s leeway, {@code iss}/{@code aud} when configured) — missing or invalid
 * → 401 AdminAuthAccess; then the role's ACL ({@link AdminAcl}) — not allowed → 403 AdminAccessForbidden. With no
 * admin key configured every call is refused (401): the admin API is never open by accident.</li>
 * <li>{@code deny-all}: every call → 403.</li>
 * <li>{@code insecure-allow-all}: every call allowed, with a warning at startup and on every call.</li>
 * </ul>
 * Every admin endpoint goes through {@link #authorize} before it reads its body or touches storage.
 */
@Component
public class AdminAuthorizer {

    private static final Logger log = LoggerFactory.getLogger(AdminAuthorizer.class);
    /** Admin paths are plain: no dot segments, percent-escapes, parameters or empty segments for an ACL to miss. */
    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_:-][A-Za-z0-9_.:-]*)+");

    /** Upstream's leeway on {@code exp}/{@code nbf}. */
    static final Duration LEEWAY = Duration.ofSeconds(60);

    private final AdminMode mode;
    /** Null when no admin key is configured: then every authenticated call is refused. */
    private final AdminTokenVerifier verifier;
    private final AdminAcl acl;

    public AdminAuthorizer(ArcaProperties properties, UpstreamHttp http, Clock clock) throws IOException {
        ArcaProperties.Admin admin = properties.admin();
        this.mode = admin.mode();
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : admin.publicKeyFiles()) {
            keys.addAll(PemKeys.readPublicKeys(file));
        }
        JwkSetCache jwks = admin.jwksUrl() == null ? null : new JwkSetCache("admin JWK set " + admin.jwksUrl(),
                JwkSetLocations.fetcher(admin.jwksUrl().toString(), http), clock, Duration.ofSeconds(30));
        // the KBS fetches its JWK set through UpstreamHttp (file, URL or OpenID discovery; specs/kbs.md §5.1)
        List<AdminKeySource> sources = new ArrayList<>();
        sources.add(AdminKeySource.staticKeys(keys));
        if (jwks != null) {
            sources.add(AdminKeySource.jwks(jwks));
        }
        AdminKeySource keySource = AdminKeySource.all(sources);
        this.verifier = keySource.isEmpty() ? null
                : new AdminTokenVerifier(keySource, admin.issuer(), admin.audience(), LEEWAY, clock);
        this.acl = AdminAcl.parse(admin.acl(), admin.requiredRole());
        announce(admin);
    }

    private void announce(ArcaProperties.Admin admin) {
        switch (mode) {
            case DENY_ALL -> log.info("admin API disabled (arca.admin.mode=deny-all)");
            case INSECURE_ALLOW_ALL -> log.warn("""
                    *****************************************************************************************
                    INSECURE: arca.admin.mode=insecure-allow-all — every admin call is allowed WITHOUT any
                    credential: anyone who can reach this port can read the audit log, replace policies and
                    overwrite secrets. Development only; never in production.
                    *****************************************************************************************""");
            case AUTHENTICATED -> {
                if (verifier != null) {
                    log.info("admin API: JWT bearer tokens from {} PEM key file(s){}; roles {}",
                            admin.publicKeyFiles().size(), admin.jwksUrl() == null ? "" : " and " + admin.jwksUrl(),
                            acl.roles());
                } else {
                    log.warn("no arca.admin.public-key-files or arca.admin.jwks-url configured: every admin call "
                            + "will be refused");
                }
            }
        }
    }

    public AdminMode mode() {
        return mode;
    }

    public AdminIdentity authorize(HttpServletRequest request) {
        String path = request.getRequestURI();
        String method = request.getMethod();
        switch (mode) {
            case DENY_ALL -> throw new KbsException(KbsErrorType.AdminAccessForbidden,
                    "Admin access denied: Admin access denied as deny-all mode is enabled (arca.admin.mode)");
            case INSECURE_ALLOW_ALL -> {
                log.warn("INSECURE: admin call {} {} allowed without authentication (arca.admin.mode="
                        + "insecure-allow-all)", method, path);
                return new AdminIdentity("anonymous", "insecure-allow-all");
            }
            case AUTHENTICATED -> {
                return authenticated(request, method, path);
            }
        }
        throw new IllegalStateException("unknown admin mode " + mode);
    }

    private AdminIdentity authenticated(HttpServletRequest request, String method, String path) {
        if (verifier == null) {
            throw new KbsException(KbsErrorType.AdminAuthAccess, "Admin access denied: the admin API is disabled "
                    + "because no admin keys are configured (arca.admin.public-key-files, arca.admin.jwks-url)");
        }
        AdminIdentity identity;
        try {
            identity = verifier.verify(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (AdminAuthException e) {
            throw new KbsException(KbsErrorType.AdminAuthAccess, "Admin access denied: " + e.getMessage());
        }
        if (identity.subject() == null) {
            identity = new AdminIdentity("(no subject)", identity.role());
        }
        if (!PLAIN_PATH.matcher(path).matches()) {
            throw new KbsException(KbsErrorType.InvalidRequest, "admin request paths must be plain: no dot "
                    + "segments, percent-escapes, parameters or empty segments");
        }
        if (!acl.allows(identity.role(), method, path)) {
            throw new KbsException(KbsErrorType.AdminAccessForbidden, "Admin access denied: Role "
                    + identity.role() + " not allowed for " + method + " path " + path);
        }
        return identity;
    }
}
