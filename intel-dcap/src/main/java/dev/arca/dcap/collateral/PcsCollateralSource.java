package dev.arca.dcap.collateral;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.PemCertificates;
import dev.arca.dcap.quote.TeeType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Fetches collateral from Intel's PCS or a PCCS with the JDK HTTP client (Intel PCS API v4):
 * <ul>
 *   <li>TCB Info: {@code GET /{sgx|tdx}/certification/v4/tcb?fmspc=<HEX>&update=<early|standard>}, issuer chain in
 *       {@code TCB-Info-Issuer-Chain};</li>
 *   <li>QE Identity: {@code GET /{sgx|tdx}/certification/v4/qe/identity?update=…}, chain in
 *       {@code SGX-Enclave-Identity-Issuer-Chain};</li>
 *   <li>PCK CRL: {@code GET /sgx/certification/v4/pckcrl?ca=<platform|processor>&encoding=der}, chain in
 *       {@code SGX-PCK-CRL-Issuer-Chain};</li>
 *   <li>Root CA CRL: from Intel PCS, the CRL distribution point of the root certificate (last certificate of the QE
 *       Identity chain); from a PCCS, {@code GET /sgx/certification/v4/rootcacrl}.</li>
 * </ul>
 * Issuer chains arrive URL-encoded. 404/410 mean "not available". Every request has the configured connect and
 * read timeouts; bodies larger than the configured limit are refused.
 */
public final class PcsCollateralSource implements CollateralSource {

    static final String TCB_INFO_CHAIN = "TCB-Info-Issuer-Chain";
    static final String QE_IDENTITY_CHAIN = "SGX-Enclave-Identity-Issuer-Chain";
    static final String PCK_CRL_CHAIN = "SGX-PCK-CRL-Issuer-Chain";

    private record Response(byte[] body, HttpResponse<?> response) {

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }
    }

    private final PcsSettings settings;
    private final HttpClient client;

    public PcsCollateralSource(PcsSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public RawCollateral fetch(CollateralRequest request) throws DcapVerificationException {
        String tee = request.tee() == TeeType.TDX ? "tdx" : "sgx";
        URI origin = settings.origin();
        Response tcb = get(origin.resolve("/" + tee + "/certification/v4/tcb?fmspc=" + request.fmspc()
                + "&update=" + settings.updateType()), "TCB Info");
        SignedJson tcbInfo = SignedJson.fromResponse(tcb.body(), SignedJson.TCB_INFO,
                chain(tcb, TCB_INFO_CHAIN));
        Response qe = get(origin.resolve("/" + tee + "/certification/v4/qe/identity?update="
                + settings.updateType()), "QE Identity");
        List<X509Certificate> qeChain = chain(qe, QE_IDENTITY_CHAIN);
        SignedJson qeIdentity = SignedJson.fromResponse(qe.body(), SignedJson.ENCLAVE_IDENTITY, qeChain);
        Response pck = get(origin.resolve("/sgx/certification/v4/pckcrl?ca=" + request.caType().queryValue()
                + "&encoding=der"), "PCK CRL");
        Response root = get(rootCaCrlUri(origin, qeChain), "Root CA CRL");
        return new RawCollateral(tcbInfo, qeIdentity, pck.body(), chain(pck, PCK_CRL_CHAIN), root.body());
    }

    private URI rootCaCrlUri(URI origin, List<X509Certificate> qeChain) throws DcapVerificationException {
        if (!settings.isIntelPcs()) {
            return origin.resolve("/sgx/certification/v4/rootcacrl");
        }
        X509Certificate root = qeChain.getLast();
        return distributionPoint(root).orElseThrow(() -> new DcapVerificationException(
                Reason.COLLATERAL_UNAVAILABLE, "the Root CA certificate names no https CRL distribution point"));
    }

    static Optional<URI> distributionPoint(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                        if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                            URI uri = URI.create(general.getName().toString());
                            if ("https".equalsIgnoreCase(uri.getScheme())) {
                                return Optional.of(uri);
                            }
                        }
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // a malformed extension names no usable distribution point
        }
        return Optional.empty();
    }

    private Response get(URI uri, String what) throws DcapVerificationException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.readTimeout()).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(settings.maxResponseBytes() + 1);
            }
            int status = response.statusCode();
            if (status == 404 || status == 410) {
                throw unavailable(what + " not available from " + uri.getHost() + " (HTTP " + status + ")");
            }
            if (status != 200) {
                throw unavailable(what + ": " + uri.getHost() + " answered HTTP " + status);
            }
            if (body.length > settings.maxResponseBytes()) {
                throw unavailable(what + " response exceeds " + settings.maxResponseBytes() + " bytes");
            }
            return new Response(body, response);
        } catch (IOException e) {
            throw new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE, what + ": " + uri.getHost()
                    + " unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what + ": interrupted");
        }
    }

    private static List<X509Certificate> chain(Response response, String header) throws DcapVerificationException {
        String encoded = response.header(header).orElseThrow(() -> new DcapVerificationException(
                Reason.COLLATERAL_INVALID, "response lacks the " + header + " header"));
        // Intel percent-encodes (RFC 3986, space = %20), so a literal '+' is base64 and must survive decoding; a
        // form-encoding server's '+' for space can only sit in the PEM markers, which are mended afterwards
        String pem = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8)
                .replace("BEGIN+CERTIFICATE", "BEGIN CERTIFICATE")
                .replace("END+CERTIFICATE", "END CERTIFICATE");
        try {
            return PemCertificates.parse(pem);
        } catch (CertificateException e) {
            throw new DcapVerificationException(Reason.COLLATERAL_INVALID, header + " is not a PEM chain");
        }
    }

    private static DcapVerificationException unavailable(String message) {
        return new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE, message);
    }
}
