package dev.arca.agent.kbs;

/**
 * Progress of a {@link KbsClient}, for a CLI or a log to show the steps. Called on the client's thread; the
 * arguments are never secret (the nonce and the token are what the KBS itself sent).
 */
public interface KbsClientListener {

    KbsClientListener NONE = new KbsClientListener() {
    };

    /** /auth answered with a challenge. */
    default void authenticated(String nonce) {
    }

    /**
     * /attest answered with a token; {@code earStatus} is {@code submods.cpu0."ear.status"} read from its payload,
     * or "unknown" when the token has none.
     */
    default void attested(String token, String earStatus) {
    }

    /** A resource arrived and was decrypted; {@code length} is its plaintext size in bytes. */
    default void resourceReceived(int length) {
    }

    /** A handshake failed for a reason that may pass ({@code reason}); attempt {@code attempt + 1} follows. */
    default void retrying(KbsStep step, int attempt, String reason) {
    }
}
