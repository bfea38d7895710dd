package dev.arca.kbs.testing;

import dev.arca.kbs.secret.database.KekPkcs11Properties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Assumptions;

/**
 * A real SoftHSM2 token for the PKCS#11 KEK tests (Debian package {@code softhsm2}; {@code .ci/run} installs it),
 * made once per test JVM in {@code target/softhsm}: SoftHSM reads {@code SOFTHSM2_CONF} (set by the surefire
 * configuration) when the JVM first loads it, so one token serves every test class. Without the package the tests
 * are skipped with one line saying so.
 */
public final class SoftHsmToken {

    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String PIN = "1234";
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");
    private static SoftHsmToken token;

    private final long slot;
    private final Path pinFile;
    private final Provider provider;

    private SoftHsmToken(long slot, Path pinFile) {
        this.slot = slot;
        this.pinFile = pinFile;
        // keys made here are sensitive and not extractable, as an HSM ceremony would make the KEK
        this.provider = Security.getProvider("SunPKCS11").configure("--name = arca-test\nlibrary = " + MODULE
                + "\nslot = " + slot + "\nattributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n"
                + "  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n");
    }

    /** The token; skips the calling test when SoftHSM2 is not installed. */
    public static synchronized SoftHsmToken get() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(MODULE) && Files.isExecutable(Path.of("/usr/bin/softhsm2-util")),
                "SoftHSM2 is not installed (apt-get install softhsm2): PKCS#11 KEK tests skipped");
        String conf = System.getenv("SOFTHSM2_CONF");
        Assumptions.assumeTrue(conf != null, "SOFTHSM2_CONF is not set (run the tests through Maven): PKCS#11 KEK "
                + "tests skipped");
        if (token == null) {
            Path config = Path.of(conf);
            Path tokens = Files.createDirectories(config.getParent().resolve("tokens-" + ProcessHandle.current().pid()));
            Files.writeString(config, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\n");
            ProcessBuilder init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label",
                    "arca-test", "--pin", PIN, "--so-pin", "12345678").redirectErrorStream(true);
            init.environment().put("SOFTHSM2_CONF", config.toString());
            Process process = init.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
            }
            Matcher slot = SLOT.matcher(output);
            if (!slot.find()) {
                throw new IllegalStateException("softhsm2-util named no slot: " + output);
            }
            token = new SoftHsmToken(Long.parseLong(slot.group(1)),
                    Files.writeString(config.getParent().resolve("pin"), PIN + "\n"));
        }
        return token;
    }

    /** Makes an AES-256 key labelled {@code label} in the token (what {@code pkcs11-tool --keygen} does). */
    public synchronized void createAesKey(String label) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, PIN.toCharArray());
            if (store.containsAlias(label)) {
                return;
            }
            KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
            generator.init(256);
            SecretKey key = generator.generateKey();
            store.setEntry(label, new KeyStore.SecretKeyEntry(key), null);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot create key " + label + " in SoftHSM", e);
        }
    }

    /** The KBS settings for this token and key label. */
    public KekPkcs11Properties properties(String label, String previousLabel) {
        return new KekPkcs11Properties(MODULE, slot, null, pinFile, label, previousLabel);
    }
}
