package dev.arca.kbs.resource;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretMetadata;
import dev.arca.kbs.web.JsonResponses;
import dev.arca.model.error.KbsErrorType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /kbs/v0/admin/resources?prefix=&limit=}: the stored secrets' metadata, never their values; and upstream's
 * {@code GET /kbs/v0/resource}: their paths only.
 */
@RestController
@Tag(name = "admin: resources")
public class ResourceAdminController {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_./-]{0,400}");
    private static final int MAX_LIMIT = 10_000;

    private final SecretBackend store;

    public ResourceAdminController(SecretBackend store) {
        this.store = store;
    }

    @GetMapping("/kbs/v0/admin/resources")
    @Operation(summary = "List stored secrets (metadata only)",
            description = "resource (repo/type/tag), size in bytes, kek_id, created_at, updated_at (each left out when "
                    + "the secret backend does not know it); never a value. "
                    + "prefix filters by path prefix, e.g. tenant-a/; limit 1-10000, default 1000.")
    public ResponseEntity<byte[]> list(@RequestParam(required = false, defaultValue = "") String prefix,
            @RequestParam(required = false, defaultValue = "1000") String limit) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new KbsException(KbsErrorType.InvalidRequest, "prefix may contain [A-Za-z0-9_./-] only");
        }
        int count;
        try {
            count = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > MAX_LIMIT) {
            throw new KbsException(KbsErrorType.InvalidRequest, "limit must be a number from 1 to " + MAX_LIMIT);
        }
        return JsonResponses.ok(store.list(prefix, count));
    }

    /**
     * Upstream's listing (its resource plugin answers a GET without repository/type/tag with the stored paths, admin
     * only, not encrypted: it names secrets, it releases none). Every path, like upstream's.
     */
    @GetMapping("/kbs/v0/resource")
    @Operation(summary = "List stored secret paths (upstream form, admin)",
            description = "[\"repo/type/tag\", …], sorted; never a value. The metadata is at /kbs/v0/admin/resources.")
    public ResponseEntity<byte[]> paths() {
        return JsonResponses.ok(store.list("", Integer.MAX_VALUE).stream().map(SecretMetadata::resource)
                .toList());
    }
}
