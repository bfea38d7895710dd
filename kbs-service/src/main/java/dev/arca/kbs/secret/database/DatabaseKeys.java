package dev.arca.kbs.secret.database;

import dev.arca.kbs.config.ArcaProperties;
import dev.arca.kbs.config.KbsProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of the database backend: the current KEK from the HSM ({@code arca.kbs.kek-pkcs11.*}) when configured, else
 * {@code arca.kbs.kek-file} if set (must exist), else {@code ${arca.data-dir}/kek}, generated once; and the KEK being
 * rotated out, {@code arca.kbs.kek-pkcs11.previous-key-label} or {@code arca.kbs.kek-previous-file}.
 */
public final class DatabaseKeys {

    private static final Logger log = LoggerFactory.getLogger(DatabaseKeys.class);

    private DatabaseKeys() {
    }

    public static SecretCipher cipher(ArcaProperties arca, KbsProperties kbs, KekPkcs11Properties pkcs11) {
        try {
            KeyEncryptionKey current;
            KeyEncryptionKey previous = null;
            if (pkcs11.enabled()) {
                Pkcs11Kek token = Pkcs11Kek.open(pkcs11);
                current = token.key(pkcs11.keyLabel());
                if (pkcs11.previousKeyLabel() != null && !pkcs11.previousKeyLabel().isBlank()) {
                    previous = token.key(pkcs11.previousKeyLabel());
                }
                log.info("the key-encryption key {} is in the PKCS#11 token of {}", current.id(), pkcs11.library());
            } else {
                Path configured = kbs.kekFile();
                current = configured != null
                        ? KeyEncryptionKey.load(configured, false)
                        : KeyEncryptionKey.load(arca.dataDir().resolve("kek"), true);
            }
            if (kbs.kekPreviousFile() != null) {
                if (previous != null) {
                    throw new IllegalStateException("set arca.kbs.kek-previous-file or "
                            + "arca.kbs.kek-pkcs11.previous-key-label, not both: one KEK is rotated out at a time");
                }
                previous = KeyEncryptionKey.load(kbs.kekPreviousFile(), false);
            }
            return new SecretCipher(current, previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key-encryption key: " + e.getMessage(), e);
        }
    }
}
