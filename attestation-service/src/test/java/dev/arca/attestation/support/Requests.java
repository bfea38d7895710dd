package dev.arca.attestation.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Builds AS request bodies the way a client (the KBS) would, without the service's own helpers. */
public final class Requests {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Requests() {
    }

    /** Sample evidence (Trustee sample verifier) as the base64url-nopad text of its JSON. */
    public static String sampleEvidence(String svn, byte[] reportData) {
        ObjectNode evidence = NODES.objectNode();
        evidence.put("svn", svn);
        evidence.put("report_data", Base64.getEncoder().encodeToString(reportData));
        return b64url(evidence.toString());
    }

    public static String b64url(String text) {
        return b64url(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static ObjectNode verificationRequest(String tee, String evidence) {
        ObjectNode request = NODES.objectNode();
        request.put("tee", tee);
        request.put("evidence", evidence);
        return request;
    }

    public static ObjectNode withStructured(ObjectNode request, JsonNode runtimeData) {
        request.putObject("runtime_data").set("structured", runtimeData);
        return request;
    }

    public static ObjectNode withRaw(ObjectNode request, byte[] raw) {
        request.putObject("runtime_data").put("raw", b64url(raw));
        return request;
    }

    public static String body(ObjectNode... requests) {
        ObjectNode body = NODES.objectNode();
        ArrayNode list = body.putArray("verification_requests");
        for (ObjectNode request : requests) {
            list.add(request);
        }
        body.putArray("policy_ids").add("default");
        return body.toString();
    }

    public static String body(String policyId, ObjectNode... requests) {
        ObjectNode body = (ObjectNode) JSON.readTree(body(requests));
        body.putArray("policy_ids").add(policyId);
        return body.toString();
    }
}
