package dev.arca.kbs.cert;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.error.Problems;
import dev.arca.kbs.plugin.AttestedCaller;
import dev.arca.kbs.plugin.KbsPlugin;
import dev.arca.kbs.plugin.PluginRequest;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.error.KbsErrorType;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;

/**
 * The certificate plugin: {@code POST /kbs/v0/cert/issue} with a PKCS#10 CSR (PEM or DER) from an attested guest
 * returns the issued certificate and the CA chain as PEM, encrypted as a JWE to the token's TEE key like any
 * resource. The resource policy decides, and sees the request as {@code request.csr} (subject, cn, dns, ip, uri,
 * email, key_type), so a tenant's policy bound to {@code cert:} constrains the names a guest may obtain.
 */
public final class CertificatePlugin implements KbsPlugin {

    public static final String NAME = "cert";
    private static final Logger log = LoggerFactory.getLogger(CertificatePlugin.class);

    private final CertificateIssuer issuer;

    public CertificatePlugin(CertificateIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Access access(PluginRequest request) {
        if (!request.path().equals(List.of("issue"))) {
            throw new KbsException(KbsErrorType.InvalidRequest, "the certificate plugin serves POST /kbs/v0/cert/issue");
        }
        if (!"POST".equals(request.method())) {
            throw new KbsException(Problems.withStatus(KbsErrorType.InvalidRequest, 405,
                    "POST a certificate signing request to /kbs/v0/cert/issue"));
        }
        return Access.ATTESTED;
    }

    @Override
    public Map<String, Object> policyAttributes(PluginRequest request) {
        return Map.of("csr", SigningRequest.parse(request.body()).toPolicy());
    }

    @Override
    public byte[] release(PluginRequest request, AttestedCaller caller) {
        SigningRequest csr = SigningRequest.parse(request.body());
        X509Certificate issued = issuer.issue(csr);
        log.info("issued certificate {} for {} (serial {}, until {})", issued.getSubjectX500Principal().getName(),
                csr.dns().isEmpty() ? csr.cn() : csr.dns(), issued.getSerialNumber().toString(16),
                issued.getNotAfter().toInstant());
        return issuer.chainPem(issued).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public ResponseEntity<byte[]> admin(PluginRequest request, AdminIdentity admin) {
        throw new IllegalStateException("the certificate plugin has no admin calls");
    }
}
