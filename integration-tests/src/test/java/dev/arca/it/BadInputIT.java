package dev.arca.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.launcher.suite.ServiceKind;
import dev.arca.launcher.suite.SuiteLayout;
import dev.arca.model.caller.CallerKeyFile;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The bad-input suite (docs/security.md "Bad-input suite"): the table of {@link BadInputCases} and
 * {@link GrpcBadInputCases} thrown at the KBS, the AS and the RVPS running as real processes. Every case must be
 * answered with a 4xx {@code application/problem+json} (a typed gRPC status) that names nothing internal, and when all
 * have run, every admin listing must be what it was before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    static final String SECRET = "bad-input-suite-secret";
    /** Names that must never reach a caller: Java types and packages, libraries, method signatures, stack frames. */
    static final Pattern INTERNALS = Pattern.compile("dev\\.arca|java\\.|javax\\.|jakarta\\.|tools\\.jackson"
            + "|com\\.fasterxml|org\\.springframework|org\\.apache|io\\.grpc|com\\.nimbusds|Exception|\\w\\(\\)"
            + "|\\tat |<html|<!doctype|Tomcat|Whitelabel", Pattern.CASE_INSENSITIVE);

    static RunningSuite suite;
    static BadInputCases.Fixture fixture;
    static AdminListings before;
    static ManagedChannel grpc;

    @BeforeAll
    static void startAndSeed() throws Exception {
        suite = RunningSuite.startWithGrpc();
        String payload = Base64s.std(("{\"svn\":[\"1\"],\"launch_digest\":[\"abcde\"],\"major_version\":1,"
                + "\"minimum_minor_version\":0}").getBytes(StandardCharsets.UTF_8));
        assertThat(suite.adminPost("/kbs/v0/reference-value", "application/json",
                ("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"" + payload + "\"}")
                        .getBytes(StandardCharsets.UTF_8)).statusCode()).isBetween(200, 299);
        assertThat(suite.adminPost("/kbs/v0/resource/it/key/one", "application/octet-stream",
                SECRET.getBytes(StandardCharsets.UTF_8)).statusCode()).isBetween(200, 299);
        String policy = Base64s.url(WalkingSkeletonIT.ADMIT_SAMPLE.getBytes(StandardCharsets.UTF_8));
        assertThat(suite.adminPost("/kbs/v0/resource-policy", "application/json",
                ("{\"policy\":\"" + policy + "\"}").getBytes(StandardCharsets.UTF_8)).statusCode())
                .isBetween(200, 299);

        // a guest that finished its exchange (its cookie and evidence are what an attacker replays) and one that
        // has only begun
        RawGuest finished = new RawGuest(suite);
        assertThat(finished.auth().statusCode()).isEqualTo(200);
        String attestBody = finished.attestationBody(finished.nonce, finished.nonce);
        HttpResponse<String> attested = finished.attest(attestBody, true);
        assertThat(attested.statusCode()).as(attested.body()).isEqualTo(200);
        assertThat(finished.getResource("it/key/one").statusCode()).isEqualTo(200);
        RawGuest fresh = new RawGuest(suite);
        assertThat(fresh.auth().statusCode()).isEqualTo(200);

        SuiteLayout layout = new SuiteLayout(suite.dir);
        ForgedTokens tokens = new ForgedTokens(suite.adminKey, Files.readString(layout.adminPublicKey()),
                CallerKeyFile.loadOrCreate(layout.dataDir(ServiceKind.KBS).resolve("caller-key.pem")).privateKey(),
                CallerKeyFile.loadOrCreate(layout.dataDir(ServiceKind.ATTESTATION_SERVICE)
                        .resolve("caller-key.pem")).privateKey());
        fixture = new BadInputCases.Fixture(tokens, suite.adminToken(), tokens.role("reader"), tokens.kbsCaller(),
                tokens.asCaller(), Json.tree(attested.body()).get("token").asString(), finished.cookie, attestBody,
                fresh.cookie);
        grpc = NettyChannelBuilder.forAddress("127.0.0.1", suite.ports.rvpsGrpc()).usePlaintext()
                .maxInboundMessageSize(8 * 1024 * 1024).build();
        before = AdminListings.read(suite);
    }

    @AfterAll
    static void stop() {
        if (grpc != null) {
            grpc.shutdownNow();
        }
        if (suite != null) {
            suite.close();
        }
    }

    static Stream<BadInputCase> httpCases() throws Exception {
        return BadInputCases.all(fixture).stream();
    }

    static Stream<GrpcBadInputCases.GrpcCase> grpcCases() throws Exception {
        return GrpcBadInputCases.all(fixture).stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("httpCases")
    void answeredWithAProblemThatNamesNothingInternal(BadInputCase c) throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(suite.url(c.service()), c.head(), c.body(), c.contentLength());
        String shown = c + "\n" + answer.status() + " " + answer.headers() + "\n" + answer.body();
        assertThat(answer.status()).as(shown).isBetween(400, 499);
        if (c.expected() != BadInputCase.ANY_4XX) {
            assertThat(answer.status()).as(shown).isEqualTo(c.expected());
        }
        assertThat(answer.contentType()).as(shown).startsWith("application/problem+json");
        assertThat(answer.body()).as(shown).doesNotContain(SECRET).doesNotContainPattern(INTERNALS);
        if (!c.head().startsWith("HEAD ")) {
            JsonNode problem = Json.tree(answer.body());
            assertThat(problem.isObject()).as(shown).isTrue();
            assertThat(problem.path("type").asString("")).as(shown).isNotBlank();
            assertThat(problem.path("detail").asString("")).as(shown).isNotBlank();
            if (problem.has("status")) {
                assertThat(problem.get("status").asInt()).as(shown).isEqualTo(answer.status());
            }
        }
    }

    @Order(2)
    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("grpcCases")
    void grpcAnsweredWithATypedStatus(GrpcBadInputCases.GrpcCase c) {
        Status status = c.call(grpc);
        String shown = c + "\n" + status.getCode() + ": " + status.getDescription();
        assertThat(status.getCode()).as(shown).isIn(c.expected());
        assertThat(String.valueOf(status.getDescription())).as(shown).doesNotContainPattern(INTERNALS);
    }

    /**
     * A finished session's cookie with its own evidence again: the KBS answers the token it already issued
     * (Trustee kbs_attestation_protocol.md, idempotent) and never has the evidence appraised a second time.
     */
    @Order(3)
    @Test
    void aFinishedSessionReplayedGetsItsOldTokenNotAFreshAppraisal() throws Exception {
        RawHttp.Answer again = RawHttp.exchange(suite.kbs(), "POST /kbs/v0/attest HTTP/1.1\r\nCookie: "
                + fixture.finishedCookie() + "\r\nContent-Type: application/json",
                fixture.finishedAttestBody().getBytes(StandardCharsets.UTF_8), true);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(Json.tree(again.body()).get("token").asString()).isEqualTo(fixture.earToken());
    }

    @Order(4)
    @Test
    void theTableCoversEveryClassOnEveryService() throws Exception {
        List<BadInputCase> http = BadInputCases.all(fixture);
        List<GrpcBadInputCases.GrpcCase> grpcCases = GrpcBadInputCases.all(fixture);
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        http.forEach(c -> counts.computeIfAbsent(c.inputClass(), k -> new TreeMap<>())
                .merge(c.service().module(), 1L, Long::sum));
        grpcCases.forEach(c -> counts.computeIfAbsent(c.inputClass(), k -> new TreeMap<>())
                .merge("rvps-grpc", 1L, Long::sum));
        System.out.println("bad-input cases: " + http.size() + " HTTP + " + grpcCases.size() + " gRPC = "
                + (http.size() + grpcCases.size()));
        counts.forEach((inputClass, perService) -> System.out.println("  " + inputClass + ": " + perService));
        for (String inputClass : List.of("malformed JSON", "wrong JSON types", "invalid base64", "path traversal",
                "method confusion", "Transfer-Encoding", "control characters in Content-Type", "oversized headers",
                "form bodies", "forged tokens", "admin without credentials", "admin with the wrong role")) {
            assertThat(counts.get(inputClass)).as(inputClass)
                    .containsKeys("kbs-service", "attestation-service", "rvps-service");
        }
        assertThat(counts.get("replay")).containsKeys("kbs-service", "attestation-service");
        assertThat(counts.get("malformed protobuf")).containsKey("rvps-grpc");
        assertThat(http.stream().map(BadInputCase::toString).collect(Collectors.toSet())).hasSize(http.size());
    }

    @Order(5)
    @Test
    void everyAdminListingIsAsItWasBefore() throws Exception {
        before.assertUnchangedBy(AdminListings.read(suite));
    }
}
