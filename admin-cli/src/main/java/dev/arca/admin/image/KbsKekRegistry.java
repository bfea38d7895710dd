package dev.arca.admin.image;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.KbsAdminClient;
import dev.arca.model.json.Json;
import dev.arca.model.resource.ResourcePath;
import tools.jackson.databind.JsonNode;

/**
 * The KBS admin API as the key registry: {@code GET /kbs/v0/resource} (the stored paths) and
 * {@code POST /kbs/v0/resource/<repo>/<type>/<tag>} with the key bytes, both with the admin bearer token.
 */
public record KbsKekRegistry(KbsAdminClient kbs) implements KekRegistry {

    @Override
    public boolean exists(ResourcePath path) throws AdminCallException {
        JsonNode paths = Json.MAPPER.readTree(kbs.get("/kbs/v0/resource").body());
        for (JsonNode stored : paths) {
            if (path.toString().equals(stored.asString(null))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void store(ResourcePath path, byte[] kek) throws AdminCallException {
        kbs.post("/kbs/v0/resource/" + path, "application/octet-stream", kek);
    }
}
