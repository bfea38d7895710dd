package dev.arca.kbs.cert;

import dev.arca.kbs.plugin.PluginDispatcher;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The certificate plugin's route, spelled out for the OpenAPI document; handled by the {@link PluginDispatcher}. */
@RestController
@Tag(name = "certificates")
public class CertificateController {

    private final PluginDispatcher dispatcher;

    public CertificateController(PluginDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping("/kbs/v0/cert/issue")
    @Operation(summary = "Issue a short-lived certificate to an attested guest", description = "Body: PKCS#10 CSR, "
            + "PEM or DER. Token as for resources. The resource policy bound to cert: decides and sees request.csr. "
            + "200: JWE (to the tee-pubkey) of the PEM chain: issued certificate, then the CA. 404 when the plugin is "
            + "disabled.")
    public ResponseEntity<byte[]> issue(HttpServletRequest request) {
        return dispatcher.dispatch(request);
    }
}
