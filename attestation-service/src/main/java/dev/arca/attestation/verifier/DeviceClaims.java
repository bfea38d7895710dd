package dev.arca.attestation.verifier;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a verifier says about one device: its claims (with {@code report_data} / {@code init_data} where the TEE binds
 * them, lifted into the annotated evidence by the token broker, Trustee tcb_claims.md) and the device class that
 * names its EAR submod and picks its policy ({@code cpu}, {@code gpu}, …).
 */
public record DeviceClaims(ObjectNode claims, String deviceClass) {

    public DeviceClaims {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(deviceClass, "deviceClass");
    }
}
