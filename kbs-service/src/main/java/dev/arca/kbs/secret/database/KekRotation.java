package dev.arca.kbs.secret.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotating the key-encryption key (docs/kbs.md "Rotating the KEK"): start with the new key in {@code arca.kbs.kek-file}
 * and the old one in {@code arca.kbs.kek-previous-file}; at startup every secret still sealed under the old KEK is
 * re-encrypted under the new one. Secrets stay readable throughout, because {@link SecretCipher} opens rows of either
 * key. Once the log reports the rotation complete on one replica, drop the previous-file setting everywhere and
 * destroy the old key. The same holds for {@code arca.kbs.kek-pkcs11.previous-key-label} with a KEK in an HSM, and
 * for moving from a file KEK into the HSM (the file as the previous KEK).
 */
public class KekRotation {

    private static final Logger log = LoggerFactory.getLogger(KekRotation.class);

    private final DatabaseSecretBackend store;
    private final SecretCipher cipher;

    public KekRotation(DatabaseSecretBackend store) {
        this.store = store;
        this.cipher = store.cipher();
    }

    /** Re-encrypts what the previous KEK sealed; returns how many secrets this instance re-encrypted. */
    public int rotate() {
        int unreadable = store.countUnreadable();
        if (unreadable > 0) {
            log.error("{} stored secret(s) are sealed under a KEK that is neither arca.kbs.kek-file nor "
                    + "arca.kbs.kek-previous-file; they cannot be released", unreadable);
        }
        if (cipher.previousKeyId() == null) {
            return 0;
        }
        int done = store.reencryptPrevious();
        log.info("KEK rotation: re-encrypted {} secret(s) from KEK {} to KEK {}; once every replica runs with the new "
                + "KEK, remove arca.kbs.kek-previous-file and destroy the old key", done, cipher.previousKeyId(),
                cipher.keyId());
        return done;
    }
}
