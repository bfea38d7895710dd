package dev.arca.kbs.secret.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key-encryption key in an HSM, through PKCS#11 and the JDK's SunPKCS11 provider (docs/secret-backends.md "The KEK
 * in an HSM"). Set {@code library} to use it; {@code arca.kbs.kek-file} is then not read (but
 * {@code arca.kbs.kek-previous-file} still is, to move from a file KEK into the HSM).
 *
 * @param library          the token's PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param slot             the slot id of the token; when unset, {@code slot-list-index} picks it
 * @param slotListIndex    index of the token in the module's slot list (default 0)
 * @param pinFile          file holding the user PIN of the token (one line)
 * @param keyLabel         {@code CKA_LABEL} of the AES-256 secret key (default {@code arca-kek})
 * @param previousKeyLabel label of the HSM key being rotated out, if any
 */
@ConfigurationProperties("arca.kbs.kek-pkcs11")
public record KekPkcs11Properties(Path library, Long slot, Integer slotListIndex, Path pinFile, String keyLabel,
        String previousKeyLabel) {

    public KekPkcs11Properties {
        keyLabel = keyLabel == null || keyLabel.isBlank() ? "arca-kek" : keyLabel;
    }

    public boolean enabled() {
        return library != null;
    }
}
