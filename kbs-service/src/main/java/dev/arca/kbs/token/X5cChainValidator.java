package dev.arca.kbs.token;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates the {@code x5c} chain of an attestation token against the configured trust anchors
 * ({@code arca.kbs.token.trusted-certs}; Trustee attestation_token_verification.md): the JDK's PKIX validation with
 * every certificate's validity checked at the KBS's clock, {@code x5c[0]} the signer, the rest untrusted intermediates.
 * Revocation is not checked (the AS signer certificates of CoCo deployments carry no CRL or OCSP locations).
 */
public final class X5cChainValidator {

    /** Longer chains are refused before any work is done. */
    static final int MAX_CHAIN = 8;

    private final Set<TrustAnchor> anchors;
    private final Set<X509Certificate> anchorCertificates;
    private final Clock clock;

    public X5cChainValidator(List<X509Certificate> trusted, Clock clock) {
        this.anchorCertificates = Set.copyOf(trusted);
        Set<TrustAnchor> set = new HashSet<>();
        trusted.forEach(certificate -> set.add(new TrustAnchor(certificate, null)));
        this.anchors = Set.copyOf(set);
        this.clock = clock;
    }

    /** Every certificate of every PEM file becomes a trust anchor. */
    public static X5cChainValidator fromPemFiles(List<Path> files, Clock clock) {
        List<X509Certificate> trusted = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trusted.add((X509Certificate) certificate);
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("arca.kbs.token.trusted-certs: cannot read " + file + ": "
                        + e.getMessage(), e);
            }
            if (trusted.isEmpty()) {
                throw new IllegalStateException("arca.kbs.token.trusted-certs: " + file + " holds no certificate");
            }
        }
        return new X5cChainValidator(trusted, clock);
    }

    public boolean configured() {
        return !anchors.isEmpty();
    }

    /** The signer's key when the chain leads to a trust anchor and every certificate is valid now. */
    public PublicKey validate(List<X509Certificate> chain) {
        if (chain.isEmpty() || chain.size() > MAX_CHAIN) {
            throw invalid("the x5c chain must hold 1 to " + MAX_CHAIN + " certificates");
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        // a chain may end with the anchor itself; PKIX wants the path without it
        while (path.size() > 1 && anchorCertificates.contains(path.getLast())) {
            path.removeLast();
        }
        X509Certificate leaf = path.getFirst();
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[0]) {
            throw invalid("the x5c signer certificate is not meant for digital signatures");
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw invalid("the x5c chain does not validate against the trusted certificates: "
                    + reason(e));
        } catch (GeneralSecurityException e) {
            throw invalid("the x5c chain cannot be validated: " + e.getMessage());
        }
        return leaf.getPublicKey();
    }

    private static String reason(CertPathValidatorException e) {
        return switch (e.getReason()) {
            case CertPathValidatorException.BasicReason.EXPIRED -> "a certificate has expired";
            case CertPathValidatorException.BasicReason.NOT_YET_VALID -> "a certificate is not valid yet";
            case CertPathValidatorException.BasicReason.INVALID_SIGNATURE -> "a signature in the chain is invalid";
            default -> e.getMessage() == null ? "no path to a trust anchor" : e.getMessage();
        };
    }

    private static KbsException invalid(String detail) {
        return new KbsException(KbsErrorType.TokenVerifierError, "Token Verifier error: " + detail);
    }
}
