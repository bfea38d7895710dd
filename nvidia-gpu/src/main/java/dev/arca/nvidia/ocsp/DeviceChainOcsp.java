package dev.arca.nvidia.ocsp;

import dev.arca.nvidia.NvidiaVerificationException;
import dev.arca.nvidia.NvidiaVerificationException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The revocation status of a GPU's device chain from NVIDIA's OCSP service (RFC 6960), as nvtrust's local verifier
 * asks it: one request per certificate below the root, its CertID hashed with SHA-384, with a nonce. An answer counts
 * only when it is {@code successful}, signed by the issuer or by a responder certificate the issuer signed for OCSP
 * signing, names the certificate asked about, repeats the nonce when it carries one, and is current at the
 * verification time ({@code thisUpdate} ≤ time ≤ {@code nextUpdate}). {@code good} passes; {@code revoked} and
 * {@code unknown} refuse the evidence. A {@code good} answer is reused until its {@code nextUpdate}, or for the
 * configured cache age when it has none, so a device's steady reports cost no OCSP call. Every call has connect and
 * read timeouts; an unreachable responder fails closed.
 */
public final class DeviceChainOcsp {

    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final int CACHE_ENTRIES = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI responder;
    private final Duration readTimeout;
    private final Duration maxCacheAge;
    private final HttpClient http;
    private final Map<String, Instant> goodUntil = new ConcurrentHashMap<>();

    public DeviceChainOcsp(URI responder, Duration connectTimeout, Duration readTimeout, Duration maxCacheAge) {
        this.responder = responder;
        this.readTimeout = readTimeout;
        this.maxCacheAge = maxCacheAge;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @param chain the device chain, leaf first, root last (already validated) */
    public void check(List<X509Certificate> chain, Instant at) throws NvidiaVerificationException {
        for (int i = 0; i + 1 < chain.size(); i++) {
            check(chain.get(i), chain.get(i + 1), at);
        }
    }

    private void check(X509Certificate certificate, X509Certificate issuer, Instant at)
            throws NvidiaVerificationException {
        String key = issuer.getSubjectX500Principal().getName() + "#" + certificate.getSerialNumber().toString(16);
        Instant until = goodUntil.get(key);
        if (until != null && !at.isAfter(until)) {
            return;
        }
        try {
            CertificateID id = new CertificateID(sha384(), new JcaX509CertificateHolder(issuer),
                    certificate.getSerialNumber());
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            byte[] request = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(Extension.create(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                            false, new DEROctetString(nonce)))).build().getEncoded();
            BasicOCSPResp response = verifiedResponse(post(request), issuer, nonce, at);
            SingleResp single = Arrays.stream(response.getResponses()).filter(r -> r.getCertID().equals(id))
                    .findFirst().orElseThrow(() -> unavailable("NVIDIA's OCSP answer does not name certificate "
                            + certificate.getSerialNumber().toString(16)));
            Instant thisUpdate = single.getThisUpdate().toInstant();
            Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
            if (at.isBefore(thisUpdate.minus(Duration.ofMinutes(5))) || nextUpdate != null && at.isAfter(nextUpdate)) {
                throw unavailable("NVIDIA's OCSP answer for certificate " + certificate.getSerialNumber().toString(16)
                        + " is not current at " + at);
            }
            CertificateStatus status = single.getCertStatus();
            if (status != CertificateStatus.GOOD) {
                throw new NvidiaVerificationException(Reason.REVOKED, "NVIDIA's OCSP service reports device"
                        + " certificate '" + certificate.getSubjectX500Principal().getName() + "' "
                        + (status instanceof org.bouncycastle.cert.ocsp.RevokedStatus ? "revoked" : "unknown"));
            }
            Instant cacheUntil = at.plus(maxCacheAge);
            if (goodUntil.size() >= CACHE_ENTRIES) {
                goodUntil.clear();
            }
            goodUntil.put(key, nextUpdate != null && nextUpdate.isBefore(cacheUntil) ? nextUpdate : cacheUntil);
        } catch (OCSPException | IOException | OperatorCreationException | GeneralSecurityException
                | org.bouncycastle.cert.CertException | IllegalArgumentException e) {
            // IllegalArgumentException: Bouncy Castle's answer to a malformed structure inside the answer
            throw new NvidiaVerificationException(Reason.REVOCATION_UNAVAILABLE,
                    "the OCSP status of the device chain could not be checked: " + e.getMessage(), e);
        }
    }

    private byte[] post(byte[] request) throws NvidiaVerificationException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(responder).timeout(readTimeout)
                    .header("Content-Type", "application/ocsp-request").header("Accept", "application/ocsp-response")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new NvidiaVerificationException(Reason.REVOCATION_UNAVAILABLE, "NVIDIA's OCSP service at "
                    + responder + " did not answer: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NvidiaVerificationException(Reason.REVOCATION_UNAVAILABLE, "interrupted while asking OCSP", e);
        }
        if (response.statusCode() != 200 || response.body().length > MAX_ANSWER_BYTES) {
            throw unavailable("NVIDIA's OCSP service answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static BasicOCSPResp verifiedResponse(byte[] answer, X509Certificate issuer, byte[] nonce, Instant at)
            throws IOException, OCSPException, OperatorCreationException, GeneralSecurityException,
            org.bouncycastle.cert.CertException, NvidiaVerificationException {
        OCSPResp envelope = new OCSPResp(answer);
        if (envelope.getStatus() != OCSPResp.SUCCESSFUL || !(envelope.getResponseObject() instanceof BasicOCSPResp)) {
            throw unavailable("NVIDIA's OCSP service refused the request (status " + envelope.getStatus() + ")");
        }
        BasicOCSPResp response = (BasicOCSPResp) envelope.getResponseObject();
        if (!signedByIssuerOrDelegate(response, new JcaX509CertificateHolder(issuer), at)) {
            throw unavailable("NVIDIA's OCSP answer is not signed by the issuer or a responder it authorised");
        }
        Extension echoed = response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed != null && !Arrays.equals(DEROctetString.getInstance(echoed.getParsedValue()).getOctets(), nonce)) {
            throw unavailable("NVIDIA's OCSP answer carries another nonce than the request's");
        }
        return response;
    }

    private static boolean signedByIssuerOrDelegate(BasicOCSPResp response, X509CertificateHolder issuer, Instant at)
            throws OperatorCreationException, OCSPException, GeneralSecurityException, IOException,
            org.bouncycastle.cert.CertException {
        JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
        if (response.isSignatureValid(verifiers.build(issuer))) {
            return true;
        }
        for (X509CertificateHolder delegate : response.getCerts()) {
            // RFC 6960 §4.2.2.2: a delegated responder is issued by the CA itself, for id-kp-OCSPSigning
            boolean authorised = delegate.getIssuer().equals(issuer.getSubject())
                    && delegate.isValidOn(java.util.Date.from(at))
                    && delegate.isSignatureValid(verifiers.build(issuer))
                    && delegate.getExtension(Extension.extendedKeyUsage) != null
                    && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(delegate.getExtensions())
                            .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
            if (authorised && response.isSignatureValid(verifiers.build(delegate))) {
                return true;
            }
        }
        return false;
    }

    private static DigestCalculator sha384() throws OperatorCreationException {
        return new JcaDigestCalculatorProviderBuilder().build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384));
    }

    private static NvidiaVerificationException unavailable(String message) {
        return new NvidiaVerificationException(Reason.REVOCATION_UNAVAILABLE, message);
    }
}
