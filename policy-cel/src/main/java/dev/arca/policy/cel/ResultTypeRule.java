package dev.arca.policy.cel;

import dev.cel.common.types.CelType;
import java.util.Optional;

/**
 * What type a service accepts as a policy's result, checked at upload on the type-checked expression (a resource
 * policy: a bool; an attestation policy: a map of trust category to int). {@code dyn} — the type of anything read from
 * JSON — should pass, the runtime check of the service then decides.
 */
@FunctionalInterface
public interface ResultTypeRule {

    /** Any result. */
    ResultTypeRule ANY = type -> Optional.empty();

    /** Why a policy with this result type is refused, in words for the admin; empty when it is accepted. */
    Optional<String> problem(CelType resultType);
}
