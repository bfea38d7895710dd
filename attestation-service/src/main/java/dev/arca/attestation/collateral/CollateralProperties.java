package dev.arca.attestation.collateral;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How verifiers obtain collateral (docs/attestation-service.md "Collateral").
 *
 * @param offlineDir      when set, no network fetch happens: each vendor reads its collateral from its subfolder,
 *                        {@code <dir>/intel}, {@code <dir>/amd}, … (air-gapped sites, audits); the database cache
 *                        is not used
 * @param connectTimeout  connect timeout of the vendors' collateral clients (Intel PCS, AMD KDS)
 * @param fetchTimeout    the most one fetch may take, connection included; callers never wait longer
 * @param maxBodySize     largest collateral document accepted from a vendor or read from an offline file
 * @param defaultTtl      how long a document without its own next-update time is used before it is fetched again
 * @param minTtl          a floor on the refresh interval, so a source serving already-outdated documents is not
 *                        asked again on every request
 * @param refreshMargin   documents are refreshed in the background this long before they are due
 * @param refreshInterval how often the background refresher looks for documents that are due
 * @param staleIfError    how long past its due time a document may still be used while its source fails; the
 *                        verifier still checks the document's own validity against the verification time
 * @param maxEntries      in-memory entries per kind of collateral; the database keeps everything
 * @param notFoundTtl     how long a key the vendor said it has nothing for (an unknown chip, FMSPC, …) is answered
 *                        "not available" from memory before the vendor is asked again: a guest presenting unknown
 *                        evidence over and over must not turn into one vendor request per attestation (AMD's KDS
 *                        rate-limits hard); zero asks every time
 */
@ConfigurationProperties("arca.as.collateral")
@Validated
public record CollateralProperties(
        Path offlineDir,
        @DefaultValue("5s") @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("15s") @DurationMin(millis = 1) Duration fetchTimeout,
        @DefaultValue("4MB") @NotNull DataSize maxBodySize,
        @DefaultValue("24h") @DurationMin(seconds = 1) Duration defaultTtl,
        @DefaultValue("1m") @NotNull Duration minTtl,
        @DefaultValue("1h") @NotNull Duration refreshMargin,
        @DefaultValue("1m") @DurationMin(seconds = 1) Duration refreshInterval,
        @DefaultValue("7d") @NotNull Duration staleIfError,
        @DefaultValue("1024") @Min(1) int maxEntries,
        @DefaultValue("10m") @NotNull Duration notFoundTtl) {

    public boolean offline() {
        return offlineDir != null;
    }

    /**
     * The offline folder of one vendor, {@code <offline-dir>/<vendor>}, when offline mode is on.
     *
     * @param vendor a folder name such as {@code intel} or {@code amd}
     */
    public Optional<Path> offlineDir(String vendor) {
        return offline() ? Optional.of(offlineDir.resolve(CollateralKeys.requireValid(vendor))) : Optional.empty();
    }
}
