package dev.arca.kbs.session;

import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.tee.Tee;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of a {@link SessionState}: externally tagged JSON like Trustee's session records,
 * e.g. {@code {"Authed":{"tee":"tdx","nonce":"…","hash":"sha384"}}}. Written with a fixed member order, so the
 * same state always yields the same text — {@link JdbcSessionStore} compares states by the digest of this text.
 */
final class SessionStateJson {

    private SessionStateJson() {
    }

    static String write(SessionState state) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        switch (state) {
            case SessionState.Authed authed -> {
                ObjectNode body = root.putObject("Authed");
                body.put("tee", authed.tee().wireName());
                body.put("nonce", authed.nonce());
                body.put("hash", authed.hashAlgorithm().wireName());
            }
            case SessionState.Attesting attesting -> root.putObject("Attesting");
            case SessionState.Attested attested -> root.putObject("Attested").put("token", attested.token());
        }
        return Json.write(root);
    }

    static SessionState read(String text) {
        JsonNode root = Json.tree(text);
        if (root.has("Authed")) {
            JsonNode body = root.get("Authed");
            return new SessionState.Authed(
                    Tee.fromWire(body.path("tee").asString()).orElseThrow(
                            () -> new IllegalStateException("stored session names an unknown TEE")),
                    body.path("nonce").asString(),
                    HashAlgorithm.fromWire(body.path("hash").asString()).orElseThrow(
                            () -> new IllegalStateException("stored session names an unknown hash algorithm")));
        }
        if (root.has("Attesting")) {
            return new SessionState.Attesting();
        }
        if (root.has("Attested")) {
            return new SessionState.Attested(root.get("Attested").path("token").asString());
        }
        throw new IllegalStateException("unreadable stored session state");
    }
}
