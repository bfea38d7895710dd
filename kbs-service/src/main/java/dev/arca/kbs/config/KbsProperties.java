package dev.arca.kbs.config;

import dev.arca.kbs.session.SessionStoreKind;
import dev.arca.model.kbs.ProtocolVersion;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the KBS core (docs/architecture.md "kbs-service", docs/kbs.md "Configuration"). Token trust, the
 * certificate plugin, rate limits and audit retention have their own records under {@code arca.kbs.*}.
 *
 * @param asUrl                base URL of the attestation service (POST /attestation, POST /policy, JWKS)
 * @param rvpsUrl              base URL of the RVPS (POST /reference-values)
 * @param sessionStore         {@code memory} (one replica) or {@code jdbc} (shared by replicas on one database)
 * @param sessionTimeout       RCAR session lifetime, fixed at /auth and never extended (Trustee
 *                             kbs_attestation_protocol.md)
 * @param sessionCapacity      most sessions kept in memory; the oldest is evicted beyond it (/auth is
 *                             unauthenticated)
 * @param sessionSweepInterval how often expired sessions are deleted (upstream: every 60 s, Trustee
 *                             kbs_attestation_protocol.md)
 * @param protocolVersions     the protocol generations /auth accepts (older Trustee KBS protocol versions);
 *                             all five by default
 * @param kekFile              base64 32-byte AES key that encrypts secrets at rest; when unset,
 *                             {@code ${arca.data-dir}/kek}, generated on first start
 * @param kekPreviousFile      the KEK being rotated out: secrets still sealed under it are re-encrypted under the
 *                             current KEK at startup (docs/kbs.md "Rotating the KEK")
 * @param maxRequestBody       largest request body accepted (upstream default 2 MiB, Trustee kbs.yaml API)
 * @param maxResourceSize      largest secret an admin may store
 * @param jwe                  resource encryption options
 * @param http                 timeouts of the calls to the AS and the RVPS
 */
@ConfigurationProperties("arca.kbs")
public record KbsProperties(
        @DefaultValue("http://127.0.0.1:8081") URI asUrl,
        @DefaultValue("http://127.0.0.1:8082") URI rvpsUrl,
        @DefaultValue("memory") SessionStoreKind sessionStore,
        @DefaultValue("5m") Duration sessionTimeout,
        @DefaultValue("10000") int sessionCapacity,
        @DefaultValue("60s") Duration sessionSweepInterval,
        @DefaultValue({"0.1.0", "0.1.1", "0.2.0", "0.3.0", "0.4.0"}) List<String> protocolVersions,
        Path kekFile,
        Path kekPreviousFile,
        @DefaultValue("2MB") DataSize maxRequestBody,
        @DefaultValue("1MB") DataSize maxResourceSize,
        @DefaultValue Jwe jwe,
        @DefaultValue Http http) {

    public KbsProperties {
        requirePositive("arca.kbs.session-timeout", sessionTimeout);
        requirePositive("arca.kbs.session-sweep-interval", sessionSweepInterval);
        if (sessionCapacity < 1) {
            throw new IllegalArgumentException("arca.kbs.session-capacity must be at least 1");
        }
        if (maxRequestBody.toBytes() < 1 || maxResourceSize.toBytes() < 1) {
            throw new IllegalArgumentException("arca.kbs.max-request-body and max-resource-size must be positive");
        }
        protocolVersions = List.copyOf(protocolVersions);
        if (protocolVersions.isEmpty()) {
            throw new IllegalArgumentException("arca.kbs.protocol-versions must name at least one version");
        }
        for (String version : protocolVersions) {
            if (ProtocolVersion.fromVersion(version).isEmpty()) {
                throw new IllegalArgumentException("arca.kbs.protocol-versions: unknown version '" + version
                        + "' (known: 0.1.0, 0.1.1, 0.2.0, 0.3.0, 0.4.0)");
            }
        }
    }

    /** The accepted generations as enum values. */
    public Set<ProtocolVersion> acceptedProtocols() {
        Set<ProtocolVersion> accepted = EnumSet.noneOf(ProtocolVersion.class);
        protocolVersions.forEach(v -> accepted.add(ProtocolVersion.fromVersion(v).orElseThrow()));
        return accepted;
    }

    /**
     * @param allowRsa15 RSA1_5 key transport is refused unless set (Bleichenbacher-type risk);
     *                   property {@code arca.kbs.jwe.allow-rsa1-5}. 0.1.0 and 0.1.1 guests need it.
     */
    public record Jwe(@DefaultValue("false") boolean allowRsa15) {
    }

    /** Every outbound call has a deadline. */
    public record Http(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout) {

        public Http {
            requirePositive("arca.kbs.http.connect-timeout", connectTimeout);
            requirePositive("arca.kbs.http.read-timeout", readTimeout);
        }
    }

    static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
