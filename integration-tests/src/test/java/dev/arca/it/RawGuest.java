package dev.arca.it;

import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.json.ReportData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A guest that speaks the KBS protocol by hand, step by step, so tests can break one step at a time (wrong nonce,
 * tampered report data, missing cookie). The sample TEE stands in for hardware that cannot exist on this machine.
 */
final class RawGuest {

    private final HttpClient http;
    /** The KBS each request goes to: always the same one, or the next replica for each request. */
    private final Supplier<String> kbs;
    final ECKey teeKey;
    String cookie;
    String nonce;

    RawGuest(RunningSuite suite) throws Exception {
        this(suite.http, suite::kbs);
    }

    RawGuest(HttpClient http, Supplier<String> kbs) throws Exception {
        this.http = http;
        this.kbs = kbs;
        this.teeKey = new ECKeyGenerator(Curve.P_256).algorithm(JWEAlgorithm.ECDH_ES_A256KW).generate();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> auth() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(kbs.get() + "/kbs/v0/auth"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"version\":\"0.4.0\",\"tee\":\"sample\",\"extra-params\":\"\"}")));
        if (response.statusCode() == 200) {
            nonce = Json.tree(response.body()).get("nonce").asString();
            cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        }
        return response;
    }

    JsonNode teePubkey() {
        return Json.tree(teeKey.toPublicJWK().toJSONString());
    }

    /** The 0.4.0 Attestation body; {@code evidenceNonce} is what the evidence binds, {@code claimedNonce} is sent. */
    String attestationBody(String claimedNonce, String evidenceNonce) {
        ObjectNode bound = Json.MAPPER.createObjectNode();
        bound.put("additional-evidence", "");
        bound.put("nonce", evidenceNonce);
        bound.set("tee-pubkey", teePubkey());
        byte[] reportData = ReportData.digest(bound, HashAlgorithm.SHA384);

        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode runtimeData = body.putObject("runtime-data");
        runtimeData.put("nonce", claimedNonce);
        runtimeData.set("tee-pubkey", teePubkey());
        ObjectNode evidence = body.putObject("tee-evidence");
        evidence.putObject("primary_evidence").put("svn", "1").put("report_data", Base64s.std(reportData));
        evidence.put("additional_evidence", "");
        return Json.write(body);
    }

    HttpResponse<String> attest(String body, boolean withCookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(kbs.get() + "/kbs/v0/attest"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withCookie) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    HttpResponse<String> getResource(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(kbs.get() + "/kbs/v0/resource/" + path))
                .header("Cookie", cookie).GET());
    }
}
