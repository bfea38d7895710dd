package dev.arca.attestation.collateral;

/**
 * A {@link CollateralCodec} for documents stored exactly as the vendor served them (certificates, CRLs, Hygon's
 * binary certificates): the database holds the bytes, and each side gets its own copy.
 *
 * @param <K> the key the verifier asks with
 */
public interface RawDocumentCodec<K> extends CollateralCodec<K, byte[]> {

    @Override
    default byte[] encode(byte[] value) {
        return value.clone();
    }

    @Override
    default byte[] decode(byte[] body) {
        return body.clone();
    }
}
