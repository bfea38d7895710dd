package dev.arca.kbs.session;

import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.tee.Tee;

/**
 * Where an RCAR session stands (Trustee kbs_attestation_protocol.md): {@link Authed} after /auth, {@link Attesting}
 * once its nonce has been spent on a call to the AS, {@link Attested} with the token the AS issued.
 *
 * <p>Arca adds {@code Attesting} so a nonce is single use (upstream Trustee lets a nonce be retried):
 * two concurrent /attest calls cannot both reach the AS, and evidence for a nonce cannot be evaluated twice. A failed
 * attestation therefore needs a new /auth, which is what upstream clients do anyway (guest-components kbs_protocol).
 */
public sealed interface SessionState permits SessionState.Authed, SessionState.Attesting, SessionState.Attested {

    /** Challenge issued, waiting for evidence. */
    record Authed(Tee tee, String nonce, HashAlgorithm hashAlgorithm) implements SessionState {
    }

    /** The nonce was used for an attestation that is running or failed. */
    record Attesting() implements SessionState {
    }

    /** Attestation succeeded; the token is re-verified on every use. */
    record Attested(String token) implements SessionState {
    }
}
