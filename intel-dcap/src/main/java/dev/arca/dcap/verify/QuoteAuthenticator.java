package dev.arca.dcap.verify;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.Certificates;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.quote.Quote;
import dev.arca.dcap.quote.QuoteSignatureData;
import dev.arca.dcap.trust.EcdsaP256;
import dev.arca.dcap.trust.IntelRootCa;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;

/**
 * The signature half of DCAP quote verification, in Intel QVL's order (QuoteVerifier 4.1.2.4.x): the PCK chain up
 * to the pinned root and valid at the instant; the QE report signed by the PCK leaf; the QE report binding the
 * attestation key (report_data[0..32] = SHA-256(attestation key ‖ QE auth data), report_data[32..64] zero,
 * vectors/MANIFEST.md "QE report_data rule"); the quote signed by the attestation key over every byte before the
 * signature-data length.
 */
public final class QuoteAuthenticator {

    private final PckChainVerifier pckChains;

    public QuoteAuthenticator(IntelRootCa root) {
        this.pckChains = new PckChainVerifier(root);
    }

    public AuthenticatedQuote authenticate(Quote quote, Instant at) throws DcapVerificationException {
        QuoteSignatureData signature = quote.signatureData();
        PckCertChain chain = PckCertChain.parse(signature.pckCertChainPem());
        pckChains.verify(chain, at);
        if (!EcdsaP256.verify(Certificates.publicKeyPoint(chain.leaf()), signature.qeReport().raw(),
                signature.qeReportSignature())) {
            throw new DcapVerificationException(Reason.QE_SIGNATURE,
                    "QE report signature does not verify with the PCK certificate key");
        }
        byte[] keyHash = EcdsaP256.sha256(concat(signature.attestationKey(), signature.qeAuthData()));
        byte[] qeReportData = signature.qeReport().reportData();
        if (!MessageDigest.isEqual(Arrays.copyOfRange(qeReportData, 0, 32), keyHash)
                || !isZero(Arrays.copyOfRange(qeReportData, 32, 64))) {
            throw new DcapVerificationException(Reason.QE_REPORT_DATA,
                    "QE report does not bind the attestation key (report_data ≠ SHA-256(key ‖ auth data) ‖ 0³²)");
        }
        if (!EcdsaP256.verify(signature.attestationKey(), quote.signedBytes(), signature.quoteSignature())) {
            throw new DcapVerificationException(Reason.SIGNATURE,
                    "quote signature does not verify with the attestation key");
        }
        return new AuthenticatedQuote(quote, chain);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean isZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }
}
