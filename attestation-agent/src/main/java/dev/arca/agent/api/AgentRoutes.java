package dev.arca.agent.api;

import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InvalidReportDataException;
import dev.arca.agent.config.ApiSettings;
import dev.arca.agent.kbs.KbsException;
import dev.arca.agent.kbs.ResourceNotFoundException;
import dev.arca.agent.measurement.MeasurementException;
import dev.arca.agent.measurement.RuntimeMeasurement;
import dev.arca.agent.service.AgentService;
import dev.arca.model.json.Json;
import dev.arca.model.resource.InvalidResourcePathException;
import dev.arca.model.resource.ResourceUri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The routes of upstream's api-server-rest (guest-components api-server-rest) over an {@link AgentService}. Where
 * upstream answers bad input with 500, this API answers 4xx (400 malformed, 404 unknown, 405 wrong method, 413 too
 * large), and every error body is a problem detail. A failing KBS is 502, a failing TEE 500, a missing resource 404, a
 * refused one 403.
 */
final class AgentRoutes {

    static final String VERSION = "Arca Attestation Agent 0.1.0";
    private static final String RESOURCE_PREFIX = "/cdh/resource/";

    private final AgentService service;
    private final ApiSettings.Features features;

    AgentRoutes(AgentService service, ApiSettings.Features features) {
        this.service = service;
        this.features = features;
    }

    void handle(ApiExchange exchange) throws ApiException, IOException {
        String path = exchange.rawPath();
        if (path.startsWith(RESOURCE_PREFIX)) {
            requireFeature(features.resource(), "Resource Feature Not Enabled");
            resource(exchange, path.substring(RESOURCE_PREFIX.length()));
            return;
        }
        switch (path) {
            case "/info" -> {
                requireMethod(exchange, "GET");
                info(exchange);
            }
            case "/aa/token" -> {
                requireFeature(features.attestation(), "Attestation Feature Not Enabled");
                requireMethod(exchange, "GET");
                token(exchange);
            }
            case "/aa/evidence", "/aa/additional-evidence" -> {
                requireFeature(features.attestation(), "Attestation Feature Not Enabled");
                requireMethod(exchange, "GET");
                evidence(exchange, path.equals("/aa/evidence"));
            }
            case "/aa/aael" -> {
                requireFeature(features.attestation(), "Attestation Feature Not Enabled");
                requireMethod(exchange, "POST");
                aael(exchange);
            }
            default -> throw ApiException.notFound("URL NOT FOUND: " + oneLine(path));
        }
    }

    private void info(ApiExchange exchange) throws IOException {
        ObjectNode info = Json.MAPPER.createObjectNode();
        info.put("version", VERSION);
        info.put("tee", service.tee().wireName());
        if (!service.additionalTees().isEmpty()) {
            ArrayNode tees = info.putArray("additional_tees");
            service.additionalTees().forEach(tees::add);
        }
        info.put("feature", features.wireName());
        service.initData().ifPresent(document -> {
            ObjectNode initData = info.putObject("init_data");
            initData.put("algorithm", document.algorithm().wireName());
            initData.put("digest", document.digestHex());
            service.initDataBinding().ifPresent(b -> initData.put("binding", b.label()));
        });
        ObjectNode eventLog = info.putObject("eventlog");
        eventLog.put("enabled", service.measurement().enabled());
        eventLog.put("init_pcr", service.measurement().initPcr());
        exchange.send(200, ApiExchange.JSON, Json.writeBytes(info));
    }

    private void token(ApiExchange exchange) throws ApiException, IOException {
        String type = exchange.query().get("token_type");
        if (type == null || type.isEmpty()) {
            throw ApiException.badRequest("query parameter token_type is required (kbs or coco_as)");
        }
        if (!AgentService.TOKEN_KBS.equals(type) && !AgentService.TOKEN_COCO_AS.equals(type)) {
            throw ApiException.badRequest("token_type '" + oneLine(type) + "' is not kbs or coco_as");
        }
        try {
            exchange.send(200, ApiExchange.OCTETS, service.token(type));
        } catch (AgentService.TokenException e) {
            throw new ApiException(502, "Bad Gateway", "token: " + e.getMessage());
        }
    }

    private void evidence(ApiExchange exchange, boolean primary) throws ApiException, IOException {
        byte[] runtimeData = runtimeData(exchange.query());
        try {
            byte[] answer = primary ? service.evidence(runtimeData) : service.additionalEvidence(runtimeData);
            exchange.send(200, ApiExchange.OCTETS, answer);
        } catch (InvalidReportDataException e) {
            throw ApiException.badRequest("runtime_data: " + e.getMessage());
        } catch (AttesterException e) {
            throw new ApiException(500, "Internal Server Error", service.tee() + " evidence: " + e.getMessage());
        }
    }

    /**
     * {@code runtime_data} used as report data: without {@code encoding} the UTF-8 bytes of the value as given, with
     * {@code encoding=base64} the bytes of its base64url (unpadded) decoding (guest-components api-server-rest).
     */
    static byte[] runtimeData(Map<String, String> query) throws ApiException {
        String value = query.get("runtime_data");
        if (value == null) {
            throw ApiException.badRequest("query parameter runtime_data is required");
        }
        String encoding = query.get("encoding");
        if (encoding == null) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        if (!"base64".equals(encoding)) {
            throw ApiException.badRequest("encoding '" + oneLine(encoding) + "' is not supported (only base64)");
        }
        try {
            if (value.indexOf('=') >= 0) {
                throw new IllegalArgumentException("padding");
            }
            return Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("runtime_data is not unpadded base64url");
        }
    }

    private void aael(ApiExchange exchange) throws ApiException, IOException {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(exchange.body());
        } catch (RuntimeException e) {
            throw ApiException.badRequest("body is not JSON");
        }
        String domain = field(body, "domain");
        String operation = field(body, "operation");
        String content = field(body, "content");
        RuntimeMeasurement.Result result;
        try {
            result = service.extendRuntimeMeasurement(domain, operation, content, Optional.empty());
        } catch (MeasurementException e) {
            if (e.badRequest()) {
                throw ApiException.badRequest(e.getMessage());
            }
            throw new ApiException(500, "Internal Server Error", "runtime measurement: " + e.getMessage());
        }
        // upstream's answer: the values are the strings "true"/"false"
        ObjectNode answer = Json.MAPPER.createObjectNode();
        switch (result) {
            case OK -> answer.put("success", "true");
            case NOT_SUPPORTED -> answer.put("success", "false")
                    .put("message", "The platform does not support runtime measurement");
            case NOT_ENABLED -> answer.put("success", "false")
                    .put("message", "Attestation Agent does not enable eventlog recording");
        }
        exchange.send(200, ApiExchange.JSON, Json.writeBytes(answer));
    }

    private static String field(JsonNode body, String name) throws ApiException {
        JsonNode value = body == null ? null : body.get(name);
        if (value == null || !value.isString()) {
            throw ApiException.badRequest("body must be {\"domain\", \"operation\", \"content\"} strings; "
                    + name + " is missing or not a string");
        }
        return value.asString();
    }

    /**
     * Any method, query dropped: {@code /cdh/resource/a/b/c} is {@code kbs:///a/b/c} (guest-components
     * api-server-rest).
     */
    private void resource(ApiExchange exchange, String rest) throws ApiException, IOException {
        ResourceUri uri;
        try {
            uri = ResourceUri.parse("kbs:///" + rest);
        } catch (InvalidResourcePathException e) {
            throw ApiException.badRequest("not a resource path: " + oneLine(e.getMessage()));
        }
        try {
            exchange.send(200, ApiExchange.OCTETS, service.resource(uri));
        } catch (ResourceNotFoundException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (KbsException e) {
            if (e.httpStatus() == 403) {
                throw new ApiException(403, "Forbidden", e.step().label() + " failed: " + e.getMessage());
            }
            throw new ApiException(502, "Bad Gateway", e.step().label() + " failed: " + e.getMessage());
        }
    }

    private static void requireFeature(boolean enabled, String detail) throws ApiException {
        if (!enabled) {
            throw ApiException.notFound(detail);
        }
    }

    private static void requireMethod(ApiExchange exchange, String method) throws ApiException {
        if (!method.equals(exchange.method())) {
            exchange.allow(method);
            throw new ApiException(405, "Method Not Allowed", exchange.method() + " is not allowed here; use "
                    + method);
        }
    }

    private static String oneLine(String text) {
        String clean = text.replaceAll("\\p{Cntrl}+", " ");
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }
}
