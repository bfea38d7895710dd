package dev.arca.agent.attester;

import dev.arca.model.tee.Tee;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Produces TEE evidence that binds caller-chosen report data (specs/aa.md §3.0). One implementation per TEE; the KBS
 * client hands every attester the raw digest and each attester fits it to its hardware field itself (§2.5 step 4).
 * Init-data binding (§5) and runtime measurement (§6) are optional capabilities with safe defaults.
 */
public interface Attester {

    /** The TEE this attester speaks for, as named on the wire (specs/aa.md §1.3). */
    Tee tee();

    /**
     * Evidence binding {@code reportData}: the JSON object the attestation service's verifier for {@link #tee()}
     * parses.
     */
    JsonNode evidence(byte[] reportData) throws AttesterException;

    /**
     * Binds an init-data digest to this TEE where it can be (specs/aa.md §5): compared with a launch-time field, or
     * extended into a register. A mismatch is a result, not an exception; an exception means the TEE could not be
     * asked. By default the TEE has no such field.
     */
    default InitDataBinding bindInitData(byte[] digest) throws AttesterException {
        return InitDataBinding.unsupported(tee() + " has no init-data field the agent can bind");
    }

    /** The register runtime measurements are extended into (specs/aa.md §6), when this TEE has one. */
    default Optional<MeasurementRegister> measurementRegister() {
        return Optional.empty();
    }
}
