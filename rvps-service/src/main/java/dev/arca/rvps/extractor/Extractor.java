package dev.arca.rvps.extractor;

import dev.arca.model.rvps.ReferenceValue;
import java.util.List;

/**
 * Turns the payload of one provenance message into reference values (specs/as-rvps.md §7.3). One implementation per
 * message {@code type}; register it as a bean and the {@link ExtractorRegistry} picks it up.
 */
public interface Extractor {

    /** The {@code RvpsMessage.type} this extractor handles, e.g. {@code sample}. */
    String type();

    /**
     * The reference values the payload provides, each with its expiration set.
     *
     * @throws dev.arca.rvps.InvalidRequestException when the payload is malformed, saying why
     */
    List<ReferenceValue> extract(String payload);
}
