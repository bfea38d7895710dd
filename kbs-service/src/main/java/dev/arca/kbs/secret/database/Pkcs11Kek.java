package dev.arca.kbs.secret.database;

import dev.arca.model.json.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Opens the key-encryption key inside a PKCS#11 token with the JDK's SunPKCS11 provider: the key never leaves the
 * HSM, every AES-GCM seal and open runs there. The id stored next to each ciphertext is a key check value (the first
 * 8 bytes of the key's AES encryption of a fixed block, as HSM key ceremonies compare keys), since the key itself
 * cannot be read to digest it.
 */
public final class Pkcs11Kek {

    private static final byte[] CHECK_BLOCK = "arca-kek-id\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);

    private final KeyStore token;
    private final Provider provider;

    private Pkcs11Kek(KeyStore token, Provider provider) {
        this.token = token;
        this.provider = provider;
    }

    /** Configures SunPKCS11 for the module and slot, and logs in to the token with the PIN from the PIN file. */
    public static Pkcs11Kek open(KekPkcs11Properties properties) {
        if (!Files.isReadable(properties.library())) {
            throw new IllegalStateException("arca.kbs.kek-pkcs11.library " + properties.library()
                    + " is not a readable PKCS#11 module");
        }
        if (properties.pinFile() == null) {
            throw new IllegalStateException("arca.kbs.kek-pkcs11.pin-file must name the file holding the token PIN");
        }
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new IllegalStateException("this JDK has no SunPKCS11 provider");
        }
        String slot = properties.slot() != null ? "slot = " + properties.slot()
                : "slotListIndex = " + (properties.slotListIndex() == null ? 0 : properties.slotListIndex());
        // a config starting with "--" is read inline (SunPKCS11 documentation)
        Provider provider = base.configure("--name = arca-kek\nlibrary = " + properties.library() + "\n" + slot + "\n");
        char[] pin = null;
        try {
            pin = Files.readString(properties.pinFile(), StandardCharsets.UTF_8).strip().toCharArray();
            KeyStore token = KeyStore.getInstance("PKCS11", provider);
            token.load(null, pin);
            return new Pkcs11Kek(token, provider);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot log in to the PKCS#11 token of " + properties.library() + " ("
                    + slot + "): " + e.getMessage(), e);
        } finally {
            if (pin != null) {
                Arrays.fill(pin, '\0');
            }
        }
    }

    /** The AES key labelled {@code label} in the token. */
    public KeyEncryptionKey key(String label) {
        try {
            Key key = token.getKey(label, null);
            if (!(key instanceof SecretKey secret) || !"AES".equalsIgnoreCase(secret.getAlgorithm())) {
                throw new IllegalStateException("the PKCS#11 token holds no AES key labelled '" + label + "'");
            }
            return new KeyEncryptionKey(secret, checkValue(secret), provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read key '" + label + "' from the PKCS#11 token: "
                    + e.getMessage(), e);
        }
    }

    private String checkValue(SecretKey key) throws GeneralSecurityException {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding", provider);
        ecb.init(Cipher.ENCRYPT_MODE, key);
        return Hex.of(Arrays.copyOf(ecb.doFinal(CHECK_BLOCK), 8));
    }
}
