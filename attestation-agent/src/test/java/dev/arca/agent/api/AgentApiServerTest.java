package dev.arca.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.SampleAttester;
import dev.arca.agent.attester.SampleDeviceAttester;
import dev.arca.agent.attester.tdx.TdxAttester;
import dev.arca.agent.config.ApiSettings;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.fakes.FakeKernel;
import dev.arca.agent.fakes.FakeTdxMeasurements;
import dev.arca.agent.fakes.SyntheticQuotes;
import dev.arca.agent.kbs.FakeKbsServer;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.TeeKeyAlgorithm;
import dev.arca.agent.kbs.TeeKeyPair;
import dev.arca.agent.kbs.TokenClaims;
import dev.arca.agent.measurement.RuntimeMeasurement;
import dev.arca.agent.platform.HostPaths;
import dev.arca.agent.platform.Platform;
import dev.arca.agent.service.AgentService;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The workload REST API (guest-components api-server-rest) over real HTTP, with the sample TEE and the fake KBS. */
class AgentApiServerTest {

    private static final byte[] SECRET = {1, 2, 3, 0, (byte) 0xFF};
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private FakeKbsServer kbs;
    private AgentApiServer server;

    @BeforeEach
    void start() throws Exception {
        kbs = FakeKbsServer.start();
        kbs.putResource("default/key/1", SECRET);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        kbs.close();
    }

    private static ApiSettings settings(ApiSettings.Features features) throws ConfigException {
        return new ApiSettings(ApiSettings.parseBind("127.0.0.1:0"), false, features, 4);
    }

    private AgentService service(Attester primary, List<Attester> devices, RuntimeMeasurement measurement) {
        return new AgentService(primary, devices, () -> KbsClient.builder(kbs.url(), primary)
                .additionalAttesters(devices).build(), null, measurement, null, null);
    }

    private void serve(AgentService service, ApiSettings.Features features) throws Exception {
        server = AgentApiServer.start(service, settings(features), line -> { });
    }

    private void serveSample() throws Exception {
        serve(service(new SampleAttester(), List.of(), RuntimeMeasurement.open(new SampleAttester(), false, 17,
                dir.resolve("log"))), ApiSettings.Features.ALL);
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void infoNamesTheTeeAndFeatures() throws Exception {
        serveSample();

        HttpResponse<byte[]> info = get("/info");

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.headers().firstValue("content-type")).contains("application/json");
        assertThat(json(info).get("tee").asString()).isEqualTo("sample");
        assertThat(json(info).get("feature").asString()).isEqualTo("all");
        assertThat(json(info).has("additional_tees")).isFalse();
        assertThat(send(HttpRequest.newBuilder(uri("/info")).POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(405);
    }

    @Test
    void evidenceUsesTheRuntimeDataAsGivenOrBase64UrlDecoded() throws Exception {
        serveSample();

        HttpResponse<byte[]> text = get("/aa/evidence?runtime_data=xxxx");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("content-type")).contains("application/octet-stream");
        // guest-components sample attester: the REST example
        assertThat(new String(text.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"svn\":\"1\",\"report_data\":\"eHh4eA==\"}");
        HttpResponse<byte[]> binary = get("/aa/evidence?runtime_data=AP8A_w&encoding=base64");
        assertThat(Base64s.fromStd(json(binary).get("report_data").asString())).containsExactly(0, 0xFF, 0, 0xFF);
        assertThat(json(get("/aa/evidence?runtime_data=a%20b+c")).get("report_data").asString())
                .isEqualTo(Base64s.std("a b c".getBytes(StandardCharsets.UTF_8)));

        assertProblem(get("/aa/evidence"), 400, "runtime_data is required");
        assertProblem(get("/aa/evidence?runtime_data=x&encoding=hex"), 400, "only base64");
        assertProblem(get("/aa/evidence?runtime_data=AA%3D%3D&encoding=base64"), 400, "unpadded base64url");
    }

    @Test
    void additionalEvidenceIsEmptyWithoutDevicesAndAMapWithThem() throws Exception {
        serveSample();
        HttpResponse<byte[]> none = get("/aa/additional-evidence?runtime_data=x");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).isEmpty();
        server.close();

        serve(service(new SampleAttester(), List.of(new SampleDeviceAttester()), RuntimeMeasurement.open(
                new SampleAttester(), false, 17, dir.resolve("log"))), ApiSettings.Features.ALL);
        JsonNode devices = json(get("/aa/additional-evidence?runtime_data=x"));
        assertThat(devices.at("/sampledevice/svn").asString()).isEqualTo("2");
        assertThat(json(get("/info")).get("additional_tees").get(0).asString()).isEqualTo("sampledevice");
    }

    @Test
    void tokenIsUpstreamsJsonWithTheKeyAndIsReusedWhileValid() throws Exception {
        serveSample();

        HttpResponse<byte[]> first = get("/aa/token?token_type=kbs");
        HttpResponse<byte[]> second = get("/aa/token?token_type=kbs");

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode answer = json(first);
        assertThat(TokenClaims.parse(answer.get("token").asString()).cpu0Status()).contains("affirming");
        assertThat(answer.get("tee_keypair").asString()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(TeeKeyPair.fromPem(answer.get("tee_keypair").asString(), TeeKeyAlgorithm.RSA).algorithm())
                .isEqualTo(TeeKeyAlgorithm.P256);
        assertThat(json(second).get("token")).isEqualTo(answer.get("token"));
        assertThat(kbs.authCount()).isEqualTo(1);

        assertProblem(get("/aa/token"), 400, "token_type is required");
        assertProblem(get("/aa/token?token_type=jwt"), 400, "not kbs or coco_as");
        assertProblem(get("/aa/token?token_type=coco_as"), 502, "no coco_as attestation service");
    }

    @Test
    void aTokenTheKbsRefusesIsABadGatewayNamingTheStep() throws Exception {
        kbs.failAuthWith(KbsErrorType.AttestationError, "RCAR handshake Auth failed");
        serveSample();

        assertProblem(get("/aa/token?token_type=kbs"), 502, "token: auth failed: HTTP 401 AttestationError");
    }

    @Test
    void resourcesAreFetchedFromTheKbsWithAnyMethodAndWithoutTheQuery() throws Exception {
        serveSample();

        HttpResponse<byte[]> resource = get("/cdh/resource/default/key/1?ignored=yes");
        assertThat(resource.statusCode()).isEqualTo(200);
        assertThat(resource.body()).isEqualTo(SECRET);
        assertThat(send(HttpRequest.newBuilder(uri("/cdh/resource/default/key/1"))
                .POST(HttpRequest.BodyPublishers.noBody())).body()).isEqualTo(SECRET);

        assertProblem(get("/cdh/resource/default/key/absent"), 404, "no resource kbs:///default/key/absent");
        assertProblem(get("/cdh/resource/default/../x"), 400, "not a resource path");
        assertProblem(get("/cdh/resource/default/key"), 400, "three segments");
        kbs.failResourcesWith(KbsErrorType.PolicyDeny, "Access denied by policy");
        assertProblem(get("/cdh/resource/default/key/1"), 403, "Access denied by policy");
    }

    @Test
    void runtimeMeasurementAnswersInUpstreamsShape() throws Exception {
        serveSample();
        HttpResponse<byte[]> disabled = send(aael("{\"domain\":\"d\",\"operation\":\"o\",\"content\":\"c\"}"));
        assertThat(json(disabled)).isEqualTo(Json.tree("{\"success\":\"false\",\"message\":\"Attestation Agent does"
                + " not enable eventlog recording\"}"));
        server.close();

        serve(service(new SampleAttester(), List.of(), RuntimeMeasurement.open(new SampleAttester(), true, 17,
                dir.resolve("log"))), ApiSettings.Features.ALL);
        assertThat(json(send(aael("{\"domain\":\"d\",\"operation\":\"o\",\"content\":\"c\"}")))
                .get("message").asString()).isEqualTo("The platform does not support runtime measurement");
        server.close();

        FakeKernel kernel = FakeKernel.at(dir.resolve("host"));
        kernel.configfsTsm("tdx_guest").outblob(SyntheticQuotes.tdxV4(new byte[48], new byte[64]));
        FakeTdxMeasurements rtmrs = kernel.tdxMeasurements();
        TdxAttester tdx = new TdxAttester(new Platform(kernel, HostPaths.fromSystemProperties(), Map.of()),
                dir.resolve("aael"));
        serve(service(tdx, List.of(), RuntimeMeasurement.open(tdx, true, 17, dir.resolve("aael"))),
                ApiSettings.Features.ALL);
        HttpResponse<byte[]> ok = send(aael("{\"domain\":\"github.com/confidential-containers\","
                + "\"operation\":\"PullImage\",\"content\":\"{\\\"image\\\":\\\"x\\\"}\"}"));
        assertThat(json(ok)).isEqualTo(Json.tree("{\"success\":\"true\"}"));
        assertThat(rtmrs.rtmr(3)).isNotEqualTo(new byte[48]);

        assertProblem(send(aael("not json")), 400, "not JSON");
        assertProblem(send(aael("{\"domain\":\"d\",\"operation\":\"o\"}")), 400, "content is missing");
        assertProblem(send(aael("{\"domain\":\"d\",\"operation\":\"o\",\"content\":\"a\\nb\"}")), 400,
                "line break");
        assertProblem(send(aael("{\"x\":\"" + "a".repeat(70 * 1024) + "\"}")), 413, "exceeds");
        assertProblem(get("/aa/aael"), 405, "use POST");
        // runtime data the TEE cannot take is the caller's error
        assertProblem(get("/aa/evidence?runtime_data=" + "x".repeat(65)), 400, "at most 64 bytes");
        assertThat(get("/aa/evidence?runtime_data=x").statusCode()).isEqualTo(200);
    }

    private HttpRequest.Builder aael(String body) {
        return HttpRequest.newBuilder(uri("/aa/aael")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void disabledFeaturesAndUnknownPathsAreNotFound() throws Exception {
        serve(service(new SampleAttester(), List.of(), RuntimeMeasurement.open(new SampleAttester(), false, 17,
                dir.resolve("log"))), ApiSettings.Features.RESOURCE);

        assertProblem(get("/aa/evidence?runtime_data=x"), 404, "Attestation Feature Not Enabled");
        assertThat(get("/cdh/resource/default/key/1").statusCode()).isEqualTo(200);
        assertProblem(get("/nothing"), 404, "URL NOT FOUND");
        server.close();

        serve(service(new SampleAttester(), List.of(), RuntimeMeasurement.open(new SampleAttester(), false, 17,
                dir.resolve("log"))), ApiSettings.Features.ATTESTATION);
        assertProblem(get("/cdh/resource/default/key/1"), 404, "Resource Feature Not Enabled");
        assertProblem(get("/x".repeat(5000)), 414, "exceeds");
    }

    @Test
    void onlyLoopbackIsServedUnlessRemoteAccessIsAllowed() throws Exception {
        AgentService service = service(new SampleAttester(), List.of(), RuntimeMeasurement.open(new SampleAttester(),
                false, 17, dir.resolve("log")));
        ApiSettings anyAddress = new ApiSettings(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0), false,
                ApiSettings.Features.ALL, 4);
        assertThatThrownBy(() -> AgentApiServer.start(service, anyAddress, line -> { }))
                .isInstanceOf(ConfigException.class).hasMessageContaining("loopback");

        assertThat(LoopbackGuard.isLoopback(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(LoopbackGuard.isLoopback(InetAddress.getByName("127.8.9.10"))).isTrue();
        assertThat(LoopbackGuard.isLoopback(InetAddress.getByName("::1"))).isTrue();
        assertThat(LoopbackGuard.isLoopback(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1}))).isTrue();
        assertThat(LoopbackGuard.isLoopback(InetAddress.getByName("10.0.0.1"))).isFalse();
        assertThat(LoopbackGuard.isLoopback(InetAddress.getByName("::ffff:10.0.0.1"))).isFalse();
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName("192.168.1.2"), 1234);
        assertThat(LoopbackGuard.callerAllowed(remote, false)).isFalse();
        assertThat(LoopbackGuard.callerAllowed(remote, true)).isTrue();
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).contains(detail);
    }
}
