package dev.arca.agent.attester;

import dev.arca.model.tee.Tee;
import tools.jackson.databind.JsonNode;

/**
 * Produces TEE evidence that binds caller-chosen report data (specs/aa.md §3.0). One implementation per TEE; the KBS
 * client hands every attester the raw digest and each attester fits it to its hardware field itself (§2.5 step 4).
 */
public interface Attester {

    /** The TEE this attester speaks for, as named on the wire (specs/aa.md §1.3). */
    Tee tee();

    /**
     * Evidence binding {@code reportData}: the JSON object the attestation service's verifier for {@link #tee()}
     * parses.
     */
    JsonNode evidence(byte[] reportData) throws AttesterException;
}
