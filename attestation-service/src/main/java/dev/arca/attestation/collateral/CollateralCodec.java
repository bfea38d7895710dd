package dev.arca.attestation.collateral;

import java.time.Instant;
import java.util.Optional;

/**
 * Describes one kind of collateral to a {@link CollateralProvider}: how its keys are written (database key and
 * offline file name), how a stored or fetched body is read, and when a document is due to be fetched again.
 *
 * <p>Examples: Intel TCB Info by (TEE, FMSPC, update type), keyed {@code tdx-00806F050000-early}, due at its
 * {@code nextUpdate}; an AMD VCEK by (generation, chip id, TCB), keyed {@code Milan-<hwid>-bl03_tee00_snp08_ucode115},
 * with no due time of its own (certificates are valid for years, so the default TTL applies).
 *
 * @param <K> the key the verifier asks with
 * @param <V> the parsed document
 */
public interface CollateralCodec<K, V> {

    /** The kind of document, e.g. {@code intel-tcb-info}: the database's {@code kind} and the offline directory. */
    String kind();

    /**
     * The key as text: the database's {@code key} and the offline file's name, so it must be
     * {@code [A-Za-z0-9][A-Za-z0-9._=-]*} (no path separators) and at most 200 characters.
     */
    String keyText(K key);

    /**
     * Reads a body, as fetched or stored. A body that does not parse is never cached.
     *
     * @throws CollateralException {@link CollateralException.Reason#INVALID} when the body is not this kind of document
     */
    V decode(byte[] body) throws CollateralException;

    /** When the document says it should be replaced (Intel's {@code nextUpdate}, a CRL's nextUpdate), if it says. */
    Optional<Instant> nextUpdate(V value);
}
