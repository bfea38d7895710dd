package dev.arca.snp.kds;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.cert.AmdCrl;
import dev.arca.snp.cert.CaCertificates;
import dev.arca.snp.cert.Certificates;
import dev.arca.snp.cert.ChainVerifier;
import dev.arca.snp.cert.EndorsementKey;
import dev.arca.snp.cert.EndorsementKeyParser;
import dev.arca.snp.cert.VerifiedCaChain;
import dev.arca.snp.cert.VerifiedEndorsement;
import dev.arca.snp.report.SigningKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Fetches AMD certificates from a {@link CertificateSource} and keeps what verified, so the KDS is asked once per
 * chip and TCB (VCEK), once per generation (cert_chain) and once per CRL period, never once per attestation; concurrent
 * misses for one request share one fetch; failures are not kept, except that an unavailable CRL is not asked for again
 * until {@code crlRetry} after the instant it was missed. A report from a known chip costs one P-384 verification.
 *
 * <p>Only verified objects are cached, and only their signatures: each certificate's validity and the CRL are checked
 * at every verification instant by the caller.
 */
public final class VerifiedCertificateCache {

    private static final int MAX_CHIPS = 1024;

    private final CertificateSource source;
    private final ChainVerifier chains;
    private final Duration crlRetry;
    private final CoalescingCache<KdsRequest.CertChain, VerifiedCaChain> caChains = new CoalescingCache<>(16);
    private final CoalescingCache<ChainKey, VerifiedCaChain> offeredChains = new CoalescingCache<>(64);
    private final CoalescingCache<EndorsementCacheKey, VerifiedEndorsement> endorsements = new CoalescingCache<>(MAX_CHIPS);
    private final CoalescingCache<KdsRequest.Vcek, VerifiedEndorsement> fetched = new CoalescingCache<>(MAX_CHIPS);
    private final CoalescingCache<KdsRequest.Crl, CrlState> crls = new CoalescingCache<>(16);

    public VerifiedCertificateCache(CertificateSource source, ChainVerifier chains, Duration crlRetry) {
        this.source = source;
        this.chains = chains;
        this.crlRetry = crlRetry;
    }

    public ChainVerifier chains() {
        return chains;
    }

    /** The ARK and ASK/ASVK of a generation from the source (KDS cert_chain, offline directory), verified. */
    public VerifiedCaChain caChain(ProcessorGeneration generation, SigningKey kind) throws SnpVerificationException {
        KdsRequest.CertChain request = new KdsRequest.CertChain(generation, kind);
        return caChains.get(request, chain -> true, () -> {
            List<X509Certificate> certificates = Certificates.all(source.fetch(request),
                    "the AMD cert_chain for " + request.path());
            return verifyCa(generation, kind, certificates, "the AMD cert_chain " + request.path());
        });
    }

    /**
     * The CA chain the evidence's certificate table offers when it holds both an ARK and an ASK entry (for a VLEK the
     * ASK entry holds the ASVK, as Trustee reads it), verified and remembered by their exact bytes; else the source's.
     */
    public VerifiedCaChain caChain(ProcessorGeneration generation, SigningKey kind,
            Optional<X509Certificate> offeredIntermediate, Optional<X509Certificate> offeredArk)
            throws SnpVerificationException {
        if (offeredArk.isEmpty() || offeredIntermediate.isEmpty()) {
            return caChain(generation, kind);
        }
        X509Certificate intermediate = offeredIntermediate.get();
        X509Certificate ark = offeredArk.get();
        ChainKey key = new ChainKey(generation, kind, new ByteKey(encoded(intermediate)), new ByteKey(encoded(ark)));
        return offeredChains.get(key, chain -> true, () -> chains.verifyCa(generation, kind, intermediate, ark));
    }

    /**
     * A VCEK/VLEK the evidence carried, parsed and verified against the CA chain of its generation and kind: the one
     * the table offers (ARK and ASK entries) or else the source's. Remembered by the exact bytes of the key and of the
     * offered CA certificates, so other offered certificates are verified anew.
     */
    public VerifiedEndorsement endorsement(byte[] der, Optional<X509Certificate> offeredIntermediate,
            Optional<X509Certificate> offeredArk) throws SnpVerificationException {
        EndorsementCacheKey cacheKey = new EndorsementCacheKey(new ByteKey(der),
                offeredIntermediate.isPresent() ? new ByteKey(encoded(offeredIntermediate.get())) : null,
                offeredArk.isPresent() ? new ByteKey(encoded(offeredArk.get())) : null);
        return endorsements.get(cacheKey, verified -> true, () -> {
            EndorsementKey key = EndorsementKeyParser.parse(der);
            VerifiedCaChain chain = caChain(key.generation(), key.kind(), offeredIntermediate, offeredArk);
            chains.verifyEndorsement(chain, key);
            return new VerifiedEndorsement(key, chain);
        });
    }

    /** A chip's VCEK at a TCB, from the source (KDS, offline directory), verified; one fetch per chip and TCB. */
    public VerifiedEndorsement vcek(KdsRequest.Vcek request) throws SnpVerificationException {
        return fetched.get(request, verified -> true, () -> {
            EndorsementKey key = EndorsementKeyParser.parse(source.fetch(request));
            if (key.kind() != SigningKey.VCEK) {
                throw new SnpVerificationException(Reason.CHAIN, request.path() + " answered a " + key.kind());
            }
            VerifiedCaChain chain = caChain(request.generation(), SigningKey.VCEK);
            chains.verifyEndorsement(chain, key);
            return new VerifiedEndorsement(key, chain);
        });
    }

    /**
     * The ARK's CRL for the chain's generation and kind, verified, when the source has one. Kept until its nextUpdate;
     * an unavailable CRL is asked for again {@code crlRetry} after it was missed.
     *
     * @throws SnpVerificationException when the source answered something that is not a CRL signed by the ARK
     */
    public Optional<AmdCrl> crl(VerifiedCaChain chain, Instant at) throws SnpVerificationException {
        KdsRequest.Crl request = new KdsRequest.Crl(chain.generation(), chain.kind());
        CrlState state = crls.get(request, cached -> cached.freshAt(at), () -> {
            try {
                return CrlState.of(AmdCrl.verify(source.fetch(request), chain), at.plus(crlRetry));
            } catch (SnpVerificationException e) {
                if (e.reason() == Reason.CERTIFICATES_UNAVAILABLE) {
                    return CrlState.missing(at.plus(crlRetry));
                }
                throw e;
            }
        });
        return state.crl().filter(crl -> crl.issuedBy(chain));
    }

    /** Drops everything verified (after an operator replaced files, or to re-fetch from the KDS). */
    public void clear() {
        caChains.clear();
        offeredChains.clear();
        endorsements.clear();
        fetched.clear();
        crls.clear();
    }

    private VerifiedCaChain verifyCa(ProcessorGeneration generation, SigningKey kind,
            List<X509Certificate> certificates, String what) throws SnpVerificationException {
        X509Certificate ark = CaCertificates.ark(certificates, generation).orElseThrow(() ->
                new SnpVerificationException(Reason.CHAIN, what + " lacks " + CaCertificates.arkName(generation)));
        X509Certificate intermediate = CaCertificates.intermediate(certificates, generation, kind).orElseThrow(() ->
                new SnpVerificationException(Reason.CHAIN, what + " lacks "
                        + CaCertificates.intermediateName(generation, kind)));
        return chains.verifyCa(generation, kind, intermediate, ark);
    }

    private static byte[] encoded(X509Certificate certificate) throws SnpVerificationException {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new SnpVerificationException(Reason.MALFORMED, "a CA certificate cannot be encoded");
        }
    }

    /** The endorsement key's bytes and the offered CA certificates' (null when not offered). */
    private record EndorsementCacheKey(ByteKey key, ByteKey intermediate, ByteKey ark) {
    }

    private record ChainKey(ProcessorGeneration generation, SigningKey kind, ByteKey intermediate, ByteKey ark) {
    }

    /** A verified CRL (until its nextUpdate) or its absence (until {@code retryAt}). */
    private record CrlState(Optional<AmdCrl> crl, Instant retryAt) {

        static CrlState of(AmdCrl crl, Instant fallbackRetry) {
            return new CrlState(Optional.of(crl), crl.nextUpdate().orElse(fallbackRetry));
        }

        static CrlState missing(Instant retryAt) {
            return new CrlState(Optional.empty(), retryAt);
        }

        boolean freshAt(Instant at) {
            return at.isBefore(retryAt);
        }
    }
}
