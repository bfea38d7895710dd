package dev.arca.dcap.trust;

import dev.arca.dcap.pck.Certificates;
import dev.arca.dcap.pck.PemCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The pinned trust anchor of every Intel DCAP chain: the self-signed "Intel SGX Root CA" (P-256, valid 2018-05-21 to
 * 2049-12-31). The certificate ships as a resource, copied byte for byte from the vectors' collateral chains
 * (vectors/MANIFEST.md §3 "phala_TrustedRootCA.der", DER sha256 44a0196b…74d3). At load it is checked to be
 * self-signed, named "Intel SGX Root CA", and to carry exactly the public key pinned below; the pin is the key, so
 * a chain whose root has another key is refused whatever its name.
 */
public final class IntelRootCa {

    /** The Intel SGX Root CA public key, uncompressed point 0x04‖X‖Y. */
    static final byte[] PINNED_PUBLIC_KEY = HexFormat.of().parseHex(
            "040ba9c4c0c0c86193a3fe23d6b02cda10a8bbd4e88e48b4458561a36e705525f5"
            + "67918e2edc88e40d860bd0cc4ee26aacc988e505a953558c453f6b0904ae7394");

    public static final String COMMON_NAME = "Intel SGX Root CA";

    private static final String RESOURCE = "intel-sgx-root-ca.der";

    private static final IntelRootCa PINNED = load();

    private final X509Certificate certificate;
    private final byte[] publicKeyPoint;

    private IntelRootCa(X509Certificate certificate) {
        this.certificate = certificate;
        this.publicKeyPoint = Certificates.publicKeyPoint(certificate);
    }

    /** The Root CA shipped with Arca. */
    public static IntelRootCa pinned() {
        return PINNED;
    }

    private static IntelRootCa load() {
        try (InputStream in = IntelRootCa.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            X509Certificate root = PemCertificates.parseDer(in.readAllBytes());
            root.verify(root.getPublicKey(), EcdsaP256.PROVIDER);
            if (!COMMON_NAME.equals(Certificates.subjectCommonName(root).orElse(""))
                    || !root.getSubjectX500Principal().equals(root.getIssuerX500Principal())) {
                throw new IllegalStateException("the shipped root is not the self-signed Intel SGX Root CA");
            }
            if (!Arrays.equals(Certificates.publicKeyPoint(root), PINNED_PUBLIC_KEY)) {
                throw new IllegalStateException("the shipped root does not carry the pinned Intel SGX Root CA key");
            }
            return new IntelRootCa(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the shipped Intel SGX Root CA does not verify", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public byte[] publicKeyPoint() {
        return publicKeyPoint.clone();
    }

    /** True when the certificate carries the pinned root key. */
    public boolean hasPinnedKey(X509Certificate candidate) {
        return Arrays.equals(Certificates.publicKeyPoint(candidate), publicKeyPoint);
    }

    /**
     * SHA-384 of the root's public key point (0x04‖X‖Y): the DCAP supplemental "root_key_id", "ID of the collateral's
     * root signer (hash of Root CA's public key SHA-384)".
     */
    public byte[] rootKeyId() {
        return EcdsaP256.sha384(publicKeyPoint);
    }
}
