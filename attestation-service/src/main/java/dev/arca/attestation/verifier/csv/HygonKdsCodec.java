package dev.arca.attestation.verifier.csv;

import dev.arca.attestation.collateral.RawDocumentCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Hygon KDS documents in the AS collateral chain (docs/attestation-service.md "Collateral"), kind {@code hygon-kds}:
 * the HRK (key {@code hrk}) and each chip's HSK ‖ CEK (key {@code hsk_cek.<chip id>}), stored as served. Hygon's
 * certificates carry no validity period, so they are fetched again only after {@link #REFRESH}: a chip's HSK and CEK
 * are asked for once per chip per cluster.
 */
final class HygonKdsCodec implements RawDocumentCodec<HygonDocument> {

    static final String KIND = "hygon-kds";
    static final Duration REFRESH = Duration.ofDays(30);

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String keyText(HygonDocument key) {
        return key.keyText();
    }

    @Override
    public Optional<Instant> nextUpdate(byte[] value, Instant fetchedAt) {
        return Optional.of(fetchedAt.plus(REFRESH));
    }
}
