package dev.arca.dcap.collateral;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Collateral as a source delivered it, not yet verified: TCB Info, QE Identity, the PCK CRL with its issuer chain
 * (may be empty: the CRL is then checked against the quote's own PCK intermediate) and the Root CA CRL. The CRLs
 * are {@code null} when the source has none (see {@code CrlPolicy}).
 */
public record RawCollateral(SignedJson tcbInfo, SignedJson qeIdentity, byte[] pckCrl,
        List<X509Certificate> pckCrlIssuerChain, byte[] rootCaCrl) {

    public RawCollateral {
        pckCrlIssuerChain = pckCrlIssuerChain == null ? List.of() : List.copyOf(pckCrlIssuerChain);
    }

    public Optional<byte[]> pckCrlBytes() {
        return Optional.ofNullable(pckCrl);
    }

    public Optional<byte[]> rootCaCrlBytes() {
        return Optional.ofNullable(rootCaCrl);
    }
}
