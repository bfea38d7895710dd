package dev.arca.attestation.verifier.nvidia;

import dev.arca.nvidia.GpuReportVerifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code nvidia} verifier (docs/verifiers/cca-csv-nvidia.md "Configuration").
 *
 * @param mode       {@code local} (default: verified here) or {@code remote} (NVIDIA's Remote Attestation Service)
 * @param rootSha256 hex SHA-256 fingerprints of the DER of the roots a GPU's device chain may end in; the default is
 *                   the NVIDIA Device Identity CA. Only a test or lab setup adds another.
 * @param rimDirectory folder of NVIDIA RIM files (signed SWID tags of the driver and VBIOS) whose measurements become
 *                   the {@code nvidia_measurement_<index>} reference values; none when unset
 * @param rimTrustAnchors PEM certificates the RIMs' signing chains must end in (NVIDIA's RIM root); required with
 *                   {@link #rimDirectory}
 * @param nras       the NRAS endpoint of remote mode
 * @param ocsp       the OCSP check of the device chain in local mode; off unless its URL is set
 */
@ConfigurationProperties("arca.as.nvidia")
public record NvidiaProperties(
        @DefaultValue("local") Mode mode,
        @DefaultValue(GpuReportVerifier.NVIDIA_DEVICE_IDENTITY_CA_SHA256) Set<String> rootSha256,
        Path rimDirectory,
        Path rimTrustAnchors,
        @DefaultValue Nras nras,
        @DefaultValue Ocsp ocsp) {

    /** Where GPU evidence is verified. */
    public enum Mode {
        LOCAL, REMOTE
    }

    /**
     * @param url            NVIDIA's OCSP service (nvtrust's default is {@code https://ocsp.ndis.nvidia.com/}); no
     *                       check when unset
     * @param connectTimeout connect timeout of each call
     * @param readTimeout    time allowed for each answer
     * @param cacheAge       how long a {@code good} answer is reused at most (never past its {@code nextUpdate})
     */
    public record Ocsp(URI url,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout,
            @DefaultValue("1h") Duration cacheAge) {
    }

    /**
     * @param url             NRAS's attest endpoint; the device type ({@code gpu} or {@code switch}) is appended
     * @param jwksUrl         where NRAS publishes the keys its tokens are signed with
     * @param connectTimeout  connect timeout of each call
     * @param readTimeout     time allowed for each answer (upstream allows NRAS 60 s)
     * @param jwksRefetch     the least time between two fetches of the key set (an unknown kid triggers one)
     */
    public record Nras(
            @DefaultValue("https://nras.attestation.nvidia.com/v4/attest") URI url,
            @DefaultValue("https://nras.attestation.nvidia.com/.well-known/jwks.json") URI jwksUrl,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("60s") Duration readTimeout,
            @DefaultValue("5m") Duration jwksRefetch) {
    }
}
