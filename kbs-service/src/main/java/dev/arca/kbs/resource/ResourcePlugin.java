package dev.arca.kbs.resource;

import dev.arca.kbs.audit.AuditLog;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.error.Problems;
import dev.arca.kbs.plugin.AttestedCaller;
import dev.arca.kbs.plugin.KbsPlugin;
import dev.arca.kbs.plugin.PluginRequest;
import dev.arca.kbs.secret.SecretBackend;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.resource.InvalidResourcePathException;
import dev.arca.model.resource.ResourcePath;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The secret store as a plugin (Trustee KBS PLUGIN_GUIDE.md): {@code GET /kbs/v0/resource/<repo>/<type>/<tag>}
 * releases a secret to an attested TEE; POST (store or overwrite, body = the secret bytes) and DELETE are admin calls.
 * The path is validated as Trustee resource_repository.md says — exactly three segments of {@code [A-Za-z0-9_.-]}, none
 * starting with a dot — before anything touches storage. Where the secrets live is the configured
 * {@link SecretBackend}'s business.
 */
@Component
public class ResourcePlugin implements KbsPlugin {

    public static final String NAME = "resource";

    private final SecretBackend store;
    private final AuditLog audit;
    private final long maxResourceSize;

    public ResourcePlugin(SecretBackend store, AuditLog audit, KbsProperties properties) {
        this.store = store;
        this.audit = audit;
        this.maxResourceSize = properties.maxResourceSize().toBytes();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Access access(PluginRequest request) {
        if ("PUT".equals(request.method())) {
            throw new KbsException(Problems.withStatus(KbsErrorType.InvalidRequest, 405,
                    "the resource plugin accepts GET, POST and DELETE"));
        }
        path(request);
        return "GET".equals(request.method()) ? Access.ATTESTED : Access.ADMIN;
    }

    @Override
    public byte[] release(PluginRequest request, AttestedCaller caller) {
        ResourcePath path = path(request);
        return store.get(path).orElseThrow(() -> new KbsException(KbsErrorType.ResourceNotFound,
                "resource " + path + " not found"));
    }

    /**
     * POST stores or overwrites, DELETE removes; both answer 200 with an empty body as upstream does (Trustee kbs.yaml
     * API; its kbs-client takes any other status for a failure).
     */
    @Override
    public ResponseEntity<byte[]> admin(PluginRequest request, AdminIdentity admin) {
        ResourcePath path = path(request);
        if ("DELETE".equals(request.method())) {
            if (!store.delete(path)) {
                throw new KbsException(KbsErrorType.ResourceNotFound, "resource " + path + " not found");
            }
            audit.adminChange("resource-delete", path.toString(), admin.subject(), "deleted");
            return ResponseEntity.ok().build();
        }
        if (request.body().length > maxResourceSize) {
            throw new KbsException(KbsErrorType.PayloadTooLarge, "a resource is at most " + maxResourceSize
                    + " bytes");
        }
        store.put(path, request.body());
        audit.adminChange("resource-store", path.toString(), admin.subject(), "stored");
        return ResponseEntity.ok().build();
    }

    private static ResourcePath path(PluginRequest request) {
        try {
            return ResourcePath.of(request.path());
        } catch (InvalidResourcePathException e) {
            throw new KbsException(KbsErrorType.InvalidRequest, e.getMessage());
        }
    }
}
