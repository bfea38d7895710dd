package dev.arca.attestation.collateral;

import java.time.Instant;
import java.util.Optional;

/**
 * Describes one kind of collateral to a {@link CollateralProvider}: how its keys are written (database key), how a
 * document is stored in and read back from the database, and when it is due to be fetched again. With a key type
 * and a {@link VendorSource}, this is all a vendor supplies to get the database cache, refresh, coalescing,
 * stale-if-error and metrics (docs/attestation-service.md "Collateral").
 *
 * <p>Examples: Intel's collateral of one platform by (TEE, FMSPC, PCK CA, update type), keyed
 * {@code tdx-00806F050000-platform-early}, stored as a dcap-qvl bundle, due at its earliest {@code nextUpdate}; an AMD
 * VCEK by (generation, chip id, TCB), stored as DER, with no due time of its own (the default TTL applies).
 *
 * @param <K> the key the verifier asks with
 * @param <V> the document
 */
public interface CollateralCodec<K, V> {

    /** The kind of document, e.g. {@code intel-collateral}: the database's {@code kind} and the metrics' tag. */
    String kind();

    /**
     * The key as text, the database's {@code key}: {@code [A-Za-z0-9][A-Za-z0-9._=-]*}, at most 200 characters.
     */
    String keyText(K key);

    /**
     * The bytes stored in the database for a fetched document; what {@link #decode} reads back.
     *
     * @throws CollateralException {@link CollateralException.Reason#INVALID} when the document cannot be written
     *                             (it is then neither cached nor served)
     */
    byte[] encode(V value) throws CollateralException;

    /**
     * Reads a stored body. A body that does not decode is ignored (and fetched again).
     *
     * @throws CollateralException {@link CollateralException.Reason#INVALID} when the body is not this kind of document
     */
    V decode(byte[] body) throws CollateralException;

    /**
     * When a document fetched at {@code fetchedAt} should be fetched again (its own {@code nextUpdate}, capped by a
     * vendor's refresh policy), or empty for the configured default TTL.
     *
     * @throws CollateralException {@link CollateralException.Reason#INVALID} when the document does not say it
     *                             readably (it is then neither cached nor served)
     */
    Optional<Instant> nextUpdate(V value, Instant fetchedAt) throws CollateralException;
}
