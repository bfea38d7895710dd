package dev.arca.nvidia.chain;

import dev.arca.model.json.Hex;
import dev.arca.nvidia.NvidiaVerificationException;
import dev.arca.nvidia.NvidiaVerificationException.Reason;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The device certificate chain the GPU driver hands over with a report: PEM certificates from the device leaf
 * ("GH100 A01 GSP FMC LF") to the NVIDIA Device Identity CA. The root is trusted only when the SHA-256 fingerprint of
 * its DER is pinned; the path below it is validated with Bouncy Castle's PKIX at the verification time (no revocation:
 * NVIDIA publishes device revocation through OCSP, which this offline verifier does not query).
 */
public final class DeviceCertificateChain {

    /**
     * TCG DICE TcbInfo (2.23.133.5.4.1): the leaf's firmware identity. Its last 48 bytes are the SHA-384 FWID the
     * report's opaque data must repeat.
     */
    public static final String TCG_DICE_TCB_INFO = "2.23.133.5.4.1";
    static final int FWID_SIZE = 48;
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final List<X509Certificate> certificates;

    private DeviceCertificateChain(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /** Parses concatenated PEM (or DER) certificates, leaf first. */
    public static DeviceCertificateChain parse(byte[] pem) throws NvidiaVerificationException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            factory.generateCertificates(new ByteArrayInputStream(pem))
                    .forEach(certificate -> certificates.add((X509Certificate) certificate));
        } catch (CertificateException | RuntimeException e) {
            throw new NvidiaVerificationException(Reason.CHAIN, "the device certificate chain is not parsable", e);
        }
        // the root alone proves nothing about a device: at least the root and the signing leaf
        if (certificates.size() < 2) {
            throw new NvidiaVerificationException(Reason.CHAIN, "the device certificate chain must hold at least the"
                    + " root CA and the signing certificate; it holds " + certificates.size());
        }
        return new DeviceCertificateChain(certificates);
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public X509Certificate leaf() {
        return certificates.getFirst();
    }

    public X509Certificate root() {
        return certificates.getLast();
    }

    /** Lower-case hex SHA-256 of a certificate's DER, the form root pins take. */
    public static String fingerprint(X509Certificate certificate) throws NvidiaVerificationException {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new NvidiaVerificationException(Reason.CHAIN, "a certificate cannot be encoded", e);
        }
    }

    /**
     * Checks the root against the pins and validates leaf → … → root at {@code at}.
     *
     * @throws NvidiaVerificationException {@link Reason#CHAIN} when the root is not pinned or the path does not
     *                                     validate
     */
    public void validate(Set<String> pinnedRootFingerprints, Instant at) throws NvidiaVerificationException {
        String rootPrint = fingerprint(root());
        if (!pinnedRootFingerprints.contains(rootPrint)) {
            throw new NvidiaVerificationException(Reason.CHAIN, "the device certificate chain ends in "
                    + root().getSubjectX500Principal().getName() + ", which is not a pinned NVIDIA root (SHA-256 "
                    + rootPrint + ")");
        }
        try {
            root().checkValidity(Date.from(at));
            root().verify(root().getPublicKey(), BOUNCY_CASTLE);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root(), null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            // Bouncy Castle's PKIX: its ECDSA is several times faster than the JDK's (performance.md)
            CertPathValidator.getInstance("PKIX", BOUNCY_CASTLE).validate(
                    factory.generateCertPath(certificates.subList(0, certificates.size() - 1)), parameters);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new NvidiaVerificationException(Reason.CHAIN, "the device certificate chain does not validate to"
                    + " the pinned root at " + at + ": " + e.getMessage(), e);
        }
    }

    /**
     * Validates the chain ({@link #validate}) and reads the leaf's FWID ({@link #leafFwid}).
     *
     * @throws NvidiaVerificationException as those two do
     */
    public ValidatedChain validated(Set<String> pinnedRootFingerprints, Instant at)
            throws NvidiaVerificationException {
        validate(pinnedRootFingerprints, at);
        byte[] fwid = leafFwid();
        Instant notBefore = Instant.MIN;
        Instant notAfter = Instant.MAX;
        for (X509Certificate certificate : certificates) {
            Instant from = certificate.getNotBefore().toInstant();
            Instant to = certificate.getNotAfter().toInstant();
            notBefore = from.isAfter(notBefore) ? from : notBefore;
            notAfter = to.isBefore(notAfter) ? to : notAfter;
        }
        return new ValidatedChain(leaf().getPublicKey(), fwid, leaf().getSubjectX500Principal().getName(), notBefore,
                notAfter);
    }

    /**
     * The leaf's FWID: the last 48 bytes of its TCG DICE TcbInfo extension.
     *
     * @throws NvidiaVerificationException {@link Reason#FWID_MISMATCH} when the leaf has no such extension (the
     *                                     signing certificate is missing from the chain)
     */
    public byte[] leafFwid() throws NvidiaVerificationException {
        byte[] extension = leaf().getExtensionValue(TCG_DICE_TCB_INFO);
        if (extension == null) {
            throw new NvidiaVerificationException(Reason.FWID_MISMATCH, "the first certificate of the chain ("
                    + leaf().getSubjectX500Principal().getName() + ") has no FWID extension "
                    + TCG_DICE_TCB_INFO + "; is the signing certificate missing?");
        }
        byte[] value;
        try {
            value = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(extension)).getOctets();
        } catch (java.io.IOException | RuntimeException e) {
            throw new NvidiaVerificationException(Reason.FWID_MISMATCH, "the leaf's FWID extension is malformed", e);
        }
        if (value.length < FWID_SIZE) {
            throw new NvidiaVerificationException(Reason.FWID_MISMATCH, "the leaf's FWID extension is too short");
        }
        return Arrays.copyOfRange(value, value.length - FWID_SIZE, value.length);
    }
}
