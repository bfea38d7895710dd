package dev.arca.nvidia.testpki;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A FAKE of NVIDIA's OCSP service (the real one is on the internet) over real HTTP, built with Bouncy Castle: it
 * answers each request for a certificate of a known issuer with {@code good} (or what the test set for its serial),
 * signed with that issuer's key, echoing the request's nonce; current from an hour ago for a day. Calls are counted.
 */
public final class FakeOcspResponder implements AutoCloseable {

    private record Issuer(X509Certificate certificate, PrivateKey key) {
    }

    private final HttpServer server;
    private final Map<BigInteger, CertificateStatus> statuses = new ConcurrentHashMap<>();
    private final Set<Issuer> issuers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int httpStatus = 200;
    private volatile PrivateKey forgedKey;
    private volatile Instant now = Instant.now();

    private FakeOcspResponder(HttpServer server) {
        this.server = server;
    }

    public static FakeOcspResponder start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeOcspResponder fake = new FakeOcspResponder(server);
            server.createContext("/", exchange -> {
                try (exchange) {
                    fake.calls.incrementAndGet();
                    byte[] answer = fake.answer(exchange.getRequestBody().readAllBytes());
                    if (fake.httpStatus != 200) {
                        exchange.sendResponseHeaders(fake.httpStatus, -1);
                        return;
                    }
                    exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            });
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeOcspResponder issuer(X509Certificate certificate, PrivateKey key) {
        issuers.add(new Issuer(certificate, key));
        return this;
    }

    public void revoke(BigInteger serial) {
        statuses.put(serial, new RevokedStatus(Date.from(now.minus(Duration.ofDays(1))), CRLReason.keyCompromise));
    }

    public void unknown(BigInteger serial) {
        statuses.put(serial, new UnknownStatus());
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    /** How many requests it answered. */
    public int calls() {
        return calls.get();
    }

    /** Answers every request with this HTTP status (no body) when other than 200. */
    public void httpStatus(int status) {
        this.httpStatus = status;
    }

    /** Signs answers with this key instead of the issuer's. */
    public void forgedKey(PrivateKey key) {
        this.forgedKey = key;
    }

    /** The responder's clock: answers are current from an hour before it for a day. */
    public FakeOcspResponder now(Instant instant) {
        this.now = instant;
        return this;
    }

    private byte[] answer(byte[] body) throws IOException {
        try {
            OCSPReq request = new OCSPReq(body);
            Req single = request.getRequestList()[0];
            var digests = new JcaDigestCalculatorProviderBuilder().build();
            for (Issuer issuer : issuers) {
                X509CertificateHolder holder = new JcaX509CertificateHolder(issuer.certificate());
                if (!single.getCertID().matchesIssuer(holder, digests)) {
                    continue;
                }
                BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(holder.getSubject()));
                builder.addResponse(single.getCertID(), statuses.getOrDefault(single.getCertID().getSerialNumber(),
                        CertificateStatus.GOOD), Date.from(now.minus(Duration.ofHours(1))),
                        Date.from(now.plus(Duration.ofDays(1))));
                Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
                if (nonce != null) {
                    builder.setResponseExtensions(new Extensions(nonce));
                }
                PrivateKey key = forgedKey != null ? forgedKey : issuer.key();
                return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                        new JcaContentSignerBuilder("SHA384withECDSA").build(key), null, Date.from(now)))
                        .getEncoded();
            }
            return new OCSPRespBuilder().build(OCSPRespBuilder.UNAUTHORIZED, null).getEncoded();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            try {
                return new OCSPRespBuilder().build(OCSPResp.MALFORMED_REQUEST, null).getEncoded();
            } catch (org.bouncycastle.cert.ocsp.OCSPException x) {
                throw new IOException(x);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
