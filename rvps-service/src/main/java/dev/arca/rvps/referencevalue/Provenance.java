package dev.arca.rvps.referencevalue;

import java.time.Instant;

/**
 * Where stored reference values came from, kept next to them for audit.
 *
 * @param messageType  the {@code RvpsMessage.type} they were registered with
 * @param extractor    the extractor implementation that produced them
 * @param registeredAt when they were registered
 */
public record Provenance(String messageType, String extractor, Instant registeredAt) {
}
