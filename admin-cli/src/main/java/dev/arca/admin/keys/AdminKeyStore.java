package dev.arca.admin.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.model.admin.AdminJwk;
import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.Set;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The admin key files under {@code DIR/admin/}: {@code admin-key.pem} (PKCS#8, readable by the owner only) and
 * {@code admin-pub.pem} (SPKI, the file the services are configured with through
 * {@code arca.admin.public-key-files}).
 */
public final class AdminKeyStore {

    public static final String PRIVATE_KEY_FILE = "admin-key.pem";
    public static final String PUBLIC_KEY_FILE = "admin-pub.pem";

    /** What {@link #init} did. */
    public record InitResult(Path privateKeyFile, Path publicKeyFile, boolean createdPrivateKey,
            boolean createdPublicKey) {
    }

    private final Path adminDir;

    public AdminKeyStore(Path dir) {
        this.adminDir = dir.resolve("admin");
    }

    public Path privateKeyFile() {
        return adminDir.resolve(PRIVATE_KEY_FILE);
    }

    public Path publicKeyFile() {
        return adminDir.resolve(PUBLIC_KEY_FILE);
    }

    /**
     * Creates a P-256 key pair when there is none; keeps an existing one (writing its public half if only that is
     * missing). Never overwrites a key, and refuses a public key without its private key or a mismatched pair.
     */
    public InitResult init() throws AdminKeyException {
        boolean hasPrivate = Files.exists(privateKeyFile());
        boolean hasPublic = Files.exists(publicKeyFile());
        if (!hasPrivate && hasPublic) {
            throw new AdminKeyException(publicKeyFile() + " exists without " + privateKeyFile()
                    + ": restore the private key or remove the public one");
        }
        try {
            if (!hasPrivate) {
                KeyPair pair = generateP256();
                createDirectory();
                write(privateKeyFile(), PemKeys.toPem(pair.getPrivate()), true);
                write(publicKeyFile(), PemKeys.toPem(pair.getPublic()), false);
                return new InitResult(privateKeyFile(), publicKeyFile(), true, true);
            }
            PrivateKey privateKey = readPrivateKey();
            if (!hasPublic) {
                write(publicKeyFile(), PemKeys.toPem(derivePublicKey(privateKey)), false);
            }
            load();
            return new InitResult(privateKeyFile(), publicKeyFile(), false, !hasPublic);
        } catch (IOException e) {
            throw new AdminKeyException("cannot write the admin key files in " + adminDir + ": " + describe(e), e);
        }
    }

    /** Reads both files and checks that they belong together, so a mismatch is reported here, not as a 401. */
    public AdminKeys load() throws AdminKeyException {
        PrivateKey privateKey = readPrivateKey();
        PublicKey publicKey;
        try {
            publicKey = PemKeys.readPublicKeys(publicKeyFile()).getFirst();
        } catch (NoSuchFileException e) {
            throw new AdminKeyException("no admin public key at " + publicKeyFile() + " (run 'init' first)");
        } catch (IOException | IllegalArgumentException e) {
            throw new AdminKeyException("cannot read " + publicKeyFile() + ": " + describe(e), e);
        }
        AdminKeys keys = new AdminKeys(privateKey, publicKey);
        String mismatch = publicKeyFile() + " is not the public key of " + privateKeyFile();
        try {
            // a probe token signed as every call's token is, verified with the public key the services are given
            SignedJWT probe = SignedJWT.parse(keys.signToken(Clock.systemUTC()));
            if (!probe.verify(AdminJwk.verifier(publicKey))) {
                throw new AdminKeyException(mismatch);
            }
        } catch (ParseException | JOSEException | RuntimeException e) {
            throw new AdminKeyException(mismatch, e);
        }
        return keys;
    }

    private PrivateKey readPrivateKey() throws AdminKeyException {
        try {
            return PemKeys.readPrivateKey(privateKeyFile());
        } catch (NoSuchFileException e) {
            throw new AdminKeyException("no admin key at " + privateKeyFile() + " (run 'init' first)");
        } catch (IOException | IllegalArgumentException e) {
            throw new AdminKeyException("cannot read " + privateKeyFile() + ": " + describe(e), e);
        }
    }

    private static KeyPair generateP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK cannot generate a P-256 key", e);
        }
    }

    /** Q = d·G for EC keys, (n, e) for RSA CRT keys; other kinds need their public file back. */
    static PublicKey derivePublicKey(PrivateKey privateKey) throws AdminKeyException {
        try {
            return switch (privateKey) {
                case ECPrivateKey ec -> {
                    ECParameterSpec params = ec.getParams();
                    var q = new FixedPointCombMultiplier()
                            .multiply(EC5Util.convertSpec(params).getG(), ec.getS()).normalize();
                    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
                    yield KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
                }
                case RSAPrivateCrtKey rsa -> KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                default -> throw new AdminKeyException("cannot derive the public key of a "
                        + privateKey.getAlgorithm() + " admin key: restore " + PUBLIC_KEY_FILE);
            };
        } catch (GeneralSecurityException e) {
            throw new AdminKeyException("cannot derive the admin public key: " + e.getMessage(), e);
        }
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(adminDir)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(adminDir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(adminDir);
        }
    }

    /** Creates the file (never replaces one); a private key is owner-only from the moment it exists. */
    private static void write(Path file, String pem, boolean ownerOnly) throws IOException {
        FileAttribute<?>[] attributes = ownerOnly && posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer bytes = ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String describe(Exception e) {
        return switch (e) {
            case NoSuchFileException missing -> "no such file " + missing.getFile();
            case FileAlreadyExistsException exists -> exists.getFile() + " already exists";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
