package dev.arca.attestation.collateral;

import java.time.Duration;

/**
 * Where collateral bodies come from: a vendor service over HTTP ({@link HttpCollateralSource}) or files
 * ({@link OfflineCollateralSource}). A source only fetches; {@link CollateralProvider} caches, and the verifier
 * checks signatures and validity.
 *
 * @param <K> the key the verifier asks with
 */
@FunctionalInterface
public interface CollateralSource<K> {

    /**
     * @param timeout the most this fetch may take; the provider abandons it afterwards in any case
     * @throws CollateralException {@link CollateralException.Reason#NOT_AVAILABLE} when the source has nothing for
     *                             the key, {@link CollateralException.Reason#UNAVAILABLE} when it cannot answer
     */
    byte[] fetch(K key, Duration timeout) throws CollateralException;
}
