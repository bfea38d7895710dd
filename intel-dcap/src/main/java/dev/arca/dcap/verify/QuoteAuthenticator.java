package dev.arca.dcap.verify;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.quote.Quote;
import dev.arca.dcap.quote.QuoteSignatureData;
import dev.arca.dcap.trust.EcdsaP256;
import dev.arca.dcap.trust.IntelRootCa;
import dev.arca.dcap.trust.P256PublicKey;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The signature half of DCAP quote verification, in Intel QVL's order (QuoteVerifier 4.1.2.4.x): the PCK chain up
 * to the pinned root and valid at the instant; the QE report signed by the PCK leaf; the QE report binding the
 * attestation key (report_data[0..32] = SHA-256(attestation key ‖ QE auth data), report_data[32..64] zero;
 * Intel SGX ECDSA Quote Library API); the quote signed by the attestation key over every byte before the
 * signature-data length.
 *
 * <p>Per quote this costs the two P-256 verifications that depend on it (QE report by the PCK leaf, quote by the
 * attestation key); the PCK chain's signatures are verified once per chain ({@link PckChainVerifier}) and keys are
 * decoded once, so repeated quotes from a platform reuse Bouncy Castle's tables for them.
 */
public final class QuoteAuthenticator {

    /**
     * Attestation keys remembered decoded (about 8 KB each once Bouncy Castle has built its tables): a platform's QE
     * keeps its key across quotes until it restarts.
     */
    static final int MAX_ATTESTATION_KEYS = 1024;

    private final PckChainVerifier pckChains;
    private final LruCache<ByteKey, P256PublicKey> attestationKeys = new LruCache<>(MAX_ATTESTATION_KEYS);

    public QuoteAuthenticator(IntelRootCa root) {
        this.pckChains = new PckChainVerifier(root);
    }

    public AuthenticatedQuote authenticate(Quote quote, Instant at) throws DcapVerificationException {
        QuoteSignatureData signature = quote.signatureData();
        VerifiedPckChain chain = pckChains.verify(signature.pckCertChainPem(), at);
        if (!chain.leafPublicKey().map(key -> key.verify(signature.qeReport().raw(), signature.qeReportSignature()))
                .orElse(false)) {
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
        if (!attestationKey(signature.attestationKey())
                .map(key -> key.verify(quote.signedBytes(), signature.quoteSignature())).orElse(false)) {
            throw new DcapVerificationException(Reason.SIGNATURE,
                    "quote signature does not verify with the attestation key");
        }
        return new AuthenticatedQuote(quote, chain.chain(), chain.rootKeyId(),
                chain.collateralRequest(quote.teeType()));
    }

    /** The decoded key, remembered by its exact bytes once decoded; empty when it is not a point on P-256. */
    private Optional<P256PublicKey> attestationKey(byte[] raw) {
        ByteKey lookup = ByteKey.lookup(raw);
        P256PublicKey key = attestationKeys.get(lookup);
        if (key == null) {
            try {
                key = P256PublicKey.decode(raw);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            attestationKeys.put(lookup.stored(), key);
        }
        return Optional.of(key);
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
