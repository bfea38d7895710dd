package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Posts an RVPS message {version?, type, payload} to the KBS, which relays it to the RVPS. */
abstract class RegisterReferenceValues extends AdminCommand {

    void register(byte[] message, String origin) throws AdminCallException, AdminKeyException, CommandFailure {
        AdminResponse response = kbs().post("/kbs/v0/reference-value", "application/json", message);
        List<String> registered = new ArrayList<>();
        response.json().map(body -> body.get("registered")).filter(JsonNode::isArray)
                .ifPresent(names -> names.forEach(name -> registered.add(name.asString())));
        ObjectNode json = object();
        json.put("status", response.status());
        response.json().ifPresent(body -> json.set("response", body));
        success(registered.isEmpty()
                ? "reference value message " + origin + " accepted"
                : "reference values registered: " + String.join(", ", registered), json);
    }
}
