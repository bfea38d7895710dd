package dev.arca.rvps.extractor;

import dev.arca.model.rvps.ReferenceValue;
import java.util.List;

/**
 * What an extractor got out of one payload: the reference values, each with its expiration set, and the id of the key
 * whose signature it verified on the payload.
 *
 * @param values      the reference values, in payload order
 * @param signerKeyId the verified signer's key id (in-toto: the layout key), or {@code null} when the extractor checks
 *                    no signature (sample, swid, corim, as upstream)
 */
public record Extraction(List<ReferenceValue> values, String signerKeyId) {

    public Extraction {
        values = List.copyOf(values);
    }

    /** Values from a payload whose origin is not checked by signature. */
    public static Extraction unsigned(List<ReferenceValue> values) {
        return new Extraction(values, null);
    }
}
