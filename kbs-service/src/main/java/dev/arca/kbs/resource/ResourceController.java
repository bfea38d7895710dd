package dev.arca.kbs.resource;

import dev.arca.kbs.plugin.PluginDispatcher;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The resource plugin's routes, spelled out so the OpenAPI document shows them; every call goes through the
 * {@link PluginDispatcher} like any plugin's (authorisation, policy, encryption, audit happen there).
 */
@RestController
@Tag(name = "resources")
public class ResourceController {

    static final String PATH = "/kbs/v0/resource/{repository}/{type}/{tag}";

    private final PluginDispatcher dispatcher;

    public ResourceController(PluginDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @GetMapping(PATH)
    @Operation(summary = "Release a secret to an attested TEE", description = "Token from the kbs-session-id cookie "
            + "of an attested session, else Authorization: Bearer. 200: flattened JWE encrypted to the token's "
            + "tee-pubkey. 401 no/invalid token, 403 policy denial, 404 unknown resource, 400 invalid path.")
    public ResponseEntity<byte[]> get(HttpServletRequest request) {
        return dispatcher.dispatch(request);
    }

    @PostMapping(PATH)
    @Operation(summary = "Store or overwrite a secret (admin)", description = "Body: the secret bytes. 200, empty.")
    public ResponseEntity<byte[]> put(HttpServletRequest request) {
        return dispatcher.dispatch(request);
    }

    @DeleteMapping(PATH)
    @Operation(summary = "Delete a secret (admin)", description = "200, empty; 404 when absent.")
    public ResponseEntity<byte[]> delete(HttpServletRequest request) {
        return dispatcher.dispatch(request);
    }
}
