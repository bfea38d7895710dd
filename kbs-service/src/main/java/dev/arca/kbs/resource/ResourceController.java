package dev.arca.kbs.resource;

import dev.arca.kbs.admin.AdminAuthorizer;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.web.JsonResponses;
import dev.arca.kbs.web.KbsPath;
import dev.arca.kbs.web.RequestBodies;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.resource.ResourcePath;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The resource plugin (specs/kbs.md §4.5): GET releases a secret to an attested TEE, POST and DELETE are admin calls.
 * The path is always taken from the raw request URI and validated before anything else touches storage.
 */
@RestController
public class ResourceController {

    static final String PATH = "/kbs/v0/resource/{repository}/{type}/{tag}";

    private final ResourceRelease release;
    private final ResourceStore store;
    private final AdminAuthorizer admin;
    private final ResourceAudit audit;
    private final long maxResourceSize;

    public ResourceController(ResourceRelease release, ResourceStore store, AdminAuthorizer admin,
            ResourceAudit audit, KbsProperties properties) {
        this.release = release;
        this.store = store;
        this.admin = admin;
        this.audit = audit;
        this.maxResourceSize = properties.maxResourceSize().toBytes();
    }

    @GetMapping(PATH)
    public ResponseEntity<byte[]> get(HttpServletRequest request) {
        ResourcePath path = KbsPath.of(request).resourcePath();
        return JsonResponses.ok(release.release(path, request));
    }

    /** Stores (or overwrites) a secret; upstream answers 200 with an empty body (specs/kbs.md §1.2). */
    @PostMapping(PATH)
    public ResponseEntity<Void> put(HttpServletRequest request) {
        AdminIdentity identity = admin.authorize(request);
        ResourcePath path = KbsPath.of(request).resourcePath();
        byte[] secret = RequestBodies.read(request, maxResourceSize);
        store.put(path, secret);
        audit.adminChange("resource-store", path, identity.subject(), "stored");
        return ResponseEntity.ok().build();
    }

    @DeleteMapping(PATH)
    public ResponseEntity<Void> delete(HttpServletRequest request) {
        AdminIdentity identity = admin.authorize(request);
        ResourcePath path = KbsPath.of(request).resourcePath();
        if (!store.delete(path)) {
            throw new KbsException(KbsErrorType.ResourceNotFound, "resource " + path + " not found");
        }
        audit.adminChange("resource-delete", path, identity.subject(), "deleted");
        return ResponseEntity.noContent().build();
    }
}
