package dev.arca.attestation.collateral;

import java.time.Duration;

/**
 * Where a {@link CollateralProvider} gets a document it does not hold: the vendor module's own source (intel-dcap's
 * {@code PcsCollateralSource} for Intel's PCS, an AMD KDS client next), adapted by the vendor's wiring in the AS. A
 * source only fetches; the provider caches and persists, and the vendor module verifies.
 *
 * @param <K> the key the verifier asks with
 * @param <V> the document, as the vendor module models it
 */
@FunctionalInterface
public interface VendorSource<K, V> {

    /**
     * @param timeout the most this fetch may take; the provider abandons it afterwards in any case
     * @throws CollateralException {@link CollateralException.Reason#NOT_AVAILABLE} when the vendor has nothing for
     *                             the key, {@link CollateralException.Reason#UNAVAILABLE} when it cannot answer now,
     *                             {@link CollateralException.Reason#INVALID} when its answer is not a document
     */
    V fetch(K key, Duration timeout) throws CollateralException;
}
