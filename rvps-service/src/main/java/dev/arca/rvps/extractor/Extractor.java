package dev.arca.rvps.extractor;

/**
 * Turns the payload of one provenance message into reference values (Trustee rvps/README.md). One implementation per
 * message {@code type}; register it as a bean and the {@link ExtractorRegistry} picks it up.
 */
public interface Extractor {

    /** The {@code RvpsMessage.type} this extractor handles, e.g. {@code sample}. */
    String type();

    /**
     * The reference values the payload provides, each with its expiration set, and the key that vouched for them.
     * An extractor that verifies anything (signatures, expiry, supply-chain rules) refuses the whole payload when one
     * check fails; it never returns a partial result.
     *
     * @throws dev.arca.rvps.InvalidRequestException when the payload is malformed or refused, saying why
     */
    Extraction extract(String payload);
}
