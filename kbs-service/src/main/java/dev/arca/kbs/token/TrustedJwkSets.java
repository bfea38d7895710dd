package dev.arca.kbs.token;

import com.nimbusds.jose.jwk.JWK;
import dev.arca.model.admin.JwkSetCache;
import dev.arca.kbs.upstream.UpstreamUnavailableException;
import java.util.List;
import java.util.Optional;

/**
 * Every JWK set whose keys may sign attestation tokens: the own AS's JWKS and, in passport mode, the sets of other
 * trusted attestation services ({@code arca.kbs.token.trusted-jwks}). A {@code kid} is looked up in each, in order.
 */
public final class TrustedJwkSets {

    private final List<JwkSetCache> sets;

    public TrustedJwkSets(List<JwkSetCache> sets) {
        this.sets = List.copyOf(sets);
    }

    public boolean isEmpty() {
        return sets.isEmpty();
    }

    /**
     * The trusted key with that id. Empty when no set holds it; throws {@link UpstreamUnavailableException} (503) when
     * no set holds it and some set could not be loaded at all, because then the KBS cannot tell whether the key is
     * trusted.
     */
    public Optional<JWK> key(String kid) {
        boolean undecided = false;
        for (JwkSetCache set : sets) {
            Optional<JWK> key = set.key(kid);
            if (key.isPresent()) {
                return key;
            }
            undecided |= !set.loaded();
        }
        if (undecided) {
            throw new UpstreamUnavailableException("a trusted JWK set is not available to verify the token", null);
        }
        return Optional.empty();
    }
}
