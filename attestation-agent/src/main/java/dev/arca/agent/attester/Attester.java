package dev.arca.agent.attester;

import dev.arca.model.tee.Tee;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Produces TEE evidence that binds caller-chosen report data (guest-components attesters). One implementation per TEE;
 * the KBS client hands every attester the raw digest and each attester fits it to its hardware field itself.
 * Init-data binding and runtime measurement are optional capabilities with safe defaults.
 */
public interface Attester {

    /** The TEE this attester speaks for, as named on the wire (kbs-types Tee enum). */
    Tee tee();

    /**
     * Evidence binding {@code reportData}: the JSON object the attestation service's verifier for {@link #tee()}
     * parses.
     */
    JsonNode evidence(byte[] reportData) throws AttesterException;

    /**
     * Binds an init-data digest to this TEE where it can be (Trustee initdata.md): compared with a launch-time field,
     * or extended into a register. A mismatch is a result, not an exception; an exception means the TEE could not be
     * asked. By default the TEE has no such field.
     */
    default InitDataBinding bindInitData(byte[] digest) throws AttesterException {
        return InitDataBinding.unsupported(tee() + " has no init-data field the agent can bind");
    }

    /**
     * The register runtime measurements are extended into (Trustee confidential-containers-eventlog.md), when this TEE
     * has one.
     */
    default Optional<MeasurementRegister> measurementRegister() {
        return Optional.empty();
    }
}
