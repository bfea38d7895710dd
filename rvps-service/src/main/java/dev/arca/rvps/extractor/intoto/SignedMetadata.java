package dev.arca.rvps.extractor.intoto;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A signed piece of in-toto metadata (a layout or a link) in one of the two wrappings in-toto uses (in-toto spec §4.1,
 * ITE-5): the classic {@link Metablock} or a {@link DsseEnvelope}. The wrapping decides which bytes are signed; what
 * is verified afterwards is the same {@link #body()}.
 */
sealed interface SignedMetadata permits Metablock, DsseEnvelope {

    /** The metadata object itself ({@code _type} {@code layout} or {@code link}). */
    JsonNode body();

    /** The bytes the signatures are over. */
    byte[] signedBytes();

    List<MetadataSignature> signatures();

    /** "metablock" or "DSSE envelope", for messages. */
    String form();

    /**
     * Reads either wrapping: an object with {@code signed} is a metablock, one with {@code payloadType} a DSSE
     * envelope.
     *
     * @param what how to name the document in errors, e.g. "layout" or "link package.2f89b927.link"
     */
    static SignedMetadata parse(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new InTotoRefusedException(what + " must be a JSON object (a metablock or a DSSE envelope)");
        }
        if (node.has("signed")) {
            return Metablock.parse(node, what);
        }
        if (node.has("payloadType")) {
            return DsseEnvelope.parse(node, what);
        }
        throw new InTotoRefusedException(what + " is neither a metablock ({\"signed\", \"signatures\"}) nor a DSSE"
                + " envelope ({\"payload\", \"payloadType\", \"signatures\"})");
    }

    /**
     * Whether one of the signatures is {@code key}'s valid signature of the signed bytes.
     *
     * @param keyIdMustMatch only signatures labelled with the key's id count (how in-toto picks a functionary's
     *                       signature; a DSSE signature without a key id is tried too). When false the key id is only
     *                       a hint and every signature is tried, so a trusted layout key is recognised even when the
     *                       signing tool computed its id differently.
     */
    default boolean isSignedBy(InTotoKey key, boolean keyIdMustMatch) {
        byte[] data = signedBytes();
        for (MetadataSignature signature : signatures()) {
            boolean labelled = signature.keyId() != null && !signature.keyId().isEmpty();
            if (keyIdMustMatch && labelled && !signature.keyId().equals(key.keyId())) {
                continue;
            }
            if (keyIdMustMatch && !labelled && this instanceof Metablock) {
                continue;
            }
            if (key.verifies(data, signature.value())) {
                return true;
            }
        }
        return false;
    }

    /** The key ids the signatures claim, for messages. */
    default List<String> claimedKeyIds() {
        return signatures().stream().map(s -> s.keyId() == null || s.keyId().isEmpty() ? "(no key id)" : s.keyId())
                .toList();
    }

    /**
     * One signature.
     *
     * @param keyId the key id it claims (may be empty in a DSSE envelope)
     * @param value the signature bytes
     */
    record MetadataSignature(String keyId, byte[] value) {
    }
}
