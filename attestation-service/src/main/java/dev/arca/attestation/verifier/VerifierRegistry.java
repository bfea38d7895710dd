package dev.arca.attestation.verifier;

import dev.arca.attestation.web.ApiException;
import dev.arca.attestation.web.Problem;
import dev.arca.model.tee.Tee;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The verifier beans by TEE (Trustee deps/verifier); a TEE without one is refused with the list of supported TEEs. */
@Component
public class VerifierRegistry {

    private final Map<Tee, Verifier> verifiers = new EnumMap<>(Tee.class);

    public VerifierRegistry(List<Verifier> beans) {
        for (Verifier verifier : beans) {
            Verifier previous = verifiers.putIfAbsent(verifier.tee(), verifier);
            if (previous != null) {
                throw new IllegalStateException("two verifiers for TEE " + verifier.tee() + ": "
                        + previous.getClass().getName() + " and " + verifier.getClass().getName());
            }
        }
    }

    /** The verifier for a TEE wire name (current or legacy spelling). */
    public Verifier forTee(String teeName) {
        return Tee.fromWire(teeName)
                .map(verifiers::get)
                .orElseThrow(() -> new ApiException(Problem.UNSUPPORTED_TEE,
                        "TEE '" + teeName + "' is not supported; supported TEEs: " + supportedNames()));
    }

    public String supportedNames() {
        return verifiers.keySet().stream().map(Tee::wireName).sorted().collect(Collectors.joining(", "));
    }
}
