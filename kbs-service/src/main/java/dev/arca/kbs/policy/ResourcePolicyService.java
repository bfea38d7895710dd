package dev.arca.kbs.policy;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** The effective resource policy: the admin's, else the built-in default (docs/architecture.md). */
@Service
public class ResourcePolicyService {

    /**
     * Release only to an affirming cpu0 that is not the sample TEE — upstream's default intent (specs/kbs.md §5.2)
     * in CEL, as docs/architecture.md states it.
     */
    public static final String DEFAULT_POLICY = "input.submods.cpu0[\"ear.status\"] == \"affirming\""
            + " && !(\"sample\" in input.submods.cpu0[\"ear.veraison.annotated-evidence\"])";
    public static final String DEFAULT_ID = "default";

    private final ResourcePolicyEngine engine;
    private final ResourcePolicyStore store;

    public ResourcePolicyService(ResourcePolicyEngine engine, ResourcePolicyStore store) {
        this.engine = engine;
        this.store = store;
    }

    /** The policy in force and its id ({@code resource-policy} when set by an admin, {@code default} otherwise). */
    public record Current(String id, String text) {
    }

    public Current current() {
        return store.find()
                .map(text -> new Current(ResourcePolicyStore.POLICY_ID, text))
                .orElseGet(() -> new Current(DEFAULT_ID, DEFAULT_POLICY));
    }

    public boolean allows(JsonNode claims, PolicyRequest request) {
        return engine.allows(current().text(), claims, request);
    }

    /** Compiles first: a policy that does not compile is refused and nothing is stored. */
    public void set(String text) {
        try {
            engine.compile(text);
        } catch (PolicyCompileException e) {
            throw new KbsException(KbsErrorType.ParsePolicyError, "Failed to parse policy: " + e.getMessage());
        }
        store.save(text);
    }
}
