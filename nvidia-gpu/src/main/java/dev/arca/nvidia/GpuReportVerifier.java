package dev.arca.nvidia;

import dev.arca.model.json.Hex;
import dev.arca.nvidia.NvidiaVerificationException.Reason;
import dev.arca.nvidia.chain.DeviceCertificateChain;
import dev.arca.nvidia.chain.ValidatedChain;
import dev.arca.nvidia.spdm.SpdmReport;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Verifies a Hopper GPU's attestation report locally, in the order that names the failing region best: the device
 * certificate chain to a pinned NVIDIA Device Identity CA, the leaf's FWID against the report's, the leaf's ECDSA
 * P-384 signature over request‖response, and the request nonce against the expected report data. A chain that
 * validated is remembered, so the next report of the same device costs one signature verification. Thread-safe.
 */
public final class GpuReportVerifier {

    /**
     * SHA-256 of the DER of the NVIDIA Device Identity CA (CN=NVIDIA Device Identity CA, O=NVIDIA, P-384, valid to
     * 9999-12-31), the root of every Hopper device chain. NVIDIA ships it with nvtrust; Trustee ships the same
     * certificate. Only the fingerprint is pinned here: the chain brings the certificate.
     */
    public static final String NVIDIA_DEVICE_IDENTITY_CA_SHA256 =
            "102bf659d5419614c9d8e6aecebc80454eb26b1df6a769ac720b9a690b167b48";

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    /** Bouncy Castle's name for ECDSA with the raw r‖s (PLAIN) signature encoding. */
    private static final String RAW_ECDSA_P384 = "SHA384withPLAIN-ECDSA";

    private static final int CACHED_CHAINS = 1024;

    private final Set<String> pinnedRoots;
    private final Map<String, ValidatedChain> validatedChains = new ConcurrentHashMap<>();

    public GpuReportVerifier(Set<String> pinnedRootFingerprints) {
        this.pinnedRoots = Set.copyOf(Objects.requireNonNull(pinnedRootFingerprints, "pinnedRootFingerprints"));
        if (pinnedRoots.isEmpty()) {
            throw new IllegalArgumentException("at least one root fingerprint must be pinned");
        }
    }

    /** A verifier that trusts NVIDIA's production device root only. */
    public static GpuReportVerifier trustingNvidia() {
        return new GpuReportVerifier(Set.of(NVIDIA_DEVICE_IDENTITY_CA_SHA256));
    }

    /**
     * @param report        request‖response bytes (Hopper: 96-byte signature)
     * @param chainPem      the device certificate chain, PEM, leaf first
     * @param expectedNonce the 32 bytes the request nonce must equal (the expected report data, regularised)
     * @param at            the instant at which the certificates must be valid
     */
    public VerifiedGpuReport verify(byte[] report, byte[] chainPem, byte[] expectedNonce, Instant at)
            throws NvidiaVerificationException {
        try {
            SpdmReport parsed = SpdmReport.parse(report);
            ValidatedChain chain = validatedChain(chainPem, at);
            requireFwid(parsed, chain);
            requireSignature(parsed, chain);
            if (!MessageDigest.isEqual(parsed.request().nonce(), expectedNonce)) {
                throw new NvidiaVerificationException(Reason.NONCE_MISMATCH, "the GET_MEASUREMENTS nonce "
                        + Hex.of(parsed.request().nonce()) + " is not the expected report data");
            }
            return new VerifiedGpuReport(parsed, chain.leafSubject());
        } catch (NvidiaVerificationException e) {
            throw e;
        } catch (RuntimeException e) {
            // fail closed on anything the checks above did not anticipate
            throw new NvidiaVerificationException(Reason.UNEXPECTED, "the GPU evidence could not be verified", e);
        }
    }

    /**
     * A device sends the same chain with every report: one that validated is remembered by the SHA-256 of its bytes
     * and reused while the verification time is inside its validity window (the pins are fixed per verifier). Only
     * successes are kept, at most {@value #CACHED_CHAINS} of them.
     */
    private ValidatedChain validatedChain(byte[] chainPem, Instant at) throws NvidiaVerificationException {
        String key = sha256(chainPem);
        ValidatedChain known = validatedChains.get(key);
        if (known != null && known.validAt(at)) {
            return known;
        }
        ValidatedChain chain = DeviceCertificateChain.parse(chainPem).validated(pinnedRoots, at);
        if (validatedChains.size() >= CACHED_CHAINS) {
            validatedChains.clear();
        }
        validatedChains.put(key, chain);
        return chain;
    }

    private static String sha256(byte[] bytes) {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static void requireFwid(SpdmReport report, ValidatedChain chain) throws NvidiaVerificationException {
        byte[] leafFwid = chain.leafFwid();
        String reported = report.response().opaqueData().fwid().orElseThrow(() -> new NvidiaVerificationException(
                Reason.FWID_MISMATCH, "the report's opaque data carries no fwid"));
        if (!MessageDigest.isEqual(leafFwid, Hex.parse(reported))) {
            throw new NvidiaVerificationException(Reason.FWID_MISMATCH, "the report's fwid " + reported
                    + " is not the leaf certificate's " + Hex.of(leafFwid));
        }
    }

    private static void requireSignature(SpdmReport report, ValidatedChain chain) throws NvidiaVerificationException {
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(RAW_ECDSA_P384, BOUNCY_CASTLE);
            verifier.initVerify(chain.leafKey());
            verifier.update(report.signedBytes());
            valid = verifier.verify(report.signature());
        } catch (GeneralSecurityException e) {
            throw new NvidiaVerificationException(Reason.SIGNATURE, "the report signature cannot be checked with the"
                    + " leaf key: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new NvidiaVerificationException(Reason.SIGNATURE,
                    "the report signature does not verify with the device leaf key");
        }
    }
}
