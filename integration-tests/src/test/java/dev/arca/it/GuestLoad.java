package dev.arca.it;

import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Sample-TEE guests speaking the KBS protocol ({@link RawGuest}) in a loop, each request of a flow to the next KBS
 * replica in turn (auth on one, attest on the other, the resource requests alternating), so nothing works unless the
 * replicas share their sessions. One flow: attest, fetch a secret the resource policy admits (it must decrypt to what
 * the admin wrote) and one it denies (it must be refused).
 *
 * <p>A guest retries the way a well-behaved client would: a transport failure, a 503 or a 429 repeats the same
 * request (on the next replica) after a short pause; a 401 (session or token gone) or a refusal of the admitted
 * secret (an appraisal that failed closed, e.g. reference values unavailable) starts the flow again. A flow that has
 * not finished within its budget is lost. Anything else — a 500, a non-problem error body, a 404 for a secret that
 * exists, a release of the denied secret or of wrong bytes — is recorded as it is.
 */
final class GuestLoad implements AutoCloseable {

    /** What happened to one flow, with when it started and ended ({@link System#nanoTime()}). */
    record Flow(long start, long end, boolean completed, int retries, int wrongReleases, List<String> unexpected) {
    }

    /** One answer a guest had to retry or could not use, when it came. */
    record Event(long at, String kind) {
    }

    private final HttpClient http;
    private final List<String> kbsReplicas;
    private final Map<String, String> admitted;
    private final String denied;
    private final Duration budget;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Flow> flows = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

    /**
     * @param admitted resource path → the exact bytes (as text) the admin wrote there; the policy admits them
     * @param denied   a resource path that exists and the policy denies
     */
    GuestLoad(HttpClient http, List<String> kbsReplicas, Map<String, String> admitted, String denied, Duration budget) {
        this.http = http;
        this.kbsReplicas = List.copyOf(kbsReplicas);
        this.admitted = Map.copyOf(admitted);
        this.denied = denied;
        this.budget = budget;
    }

    void start(int guests) {
        for (int i = 0; i < guests; i++) {
            int guest = i;
            threads.add(Thread.ofVirtual().name("guest-" + i).start(() -> {
                AtomicInteger requests = new AtomicInteger(guest);
                List<String> paths = List.copyOf(admitted.keySet());
                while (running.get()) {
                    String path = paths.get(ThreadLocalRandom.current().nextInt(paths.size()));
                    flows.add(flow(requests, path));
                }
            }));
        }
    }

    List<Flow> flows() {
        return List.copyOf(flows);
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    /** Stops starting flows and waits for those under way (each ends within its budget). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(budget.plusSeconds(30));
        }
    }

    private Flow flow(AtomicInteger requests, String path) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int[] retries = {0};
        int wrong = 0;
        List<String> unexpected = new ArrayList<>();
        Supplier<String> nextReplica = () -> kbsReplicas.get(Math.floorMod(requests.getAndIncrement(),
                kbsReplicas.size()));
        attempt:
        while (System.nanoTime() < deadline) {
            try {
                RawGuest guest = new RawGuest(http, nextReplica);
                HttpResponse<String> auth = until(deadline, guest::auth, unexpected, retries);
                if (auth == null) {
                    break;
                }
                if (auth.statusCode() != 200) {
                    unexpected.add("auth " + auth.statusCode() + ": " + auth.body());
                    break;
                }
                String body = guest.attestationBody(guest.nonce, guest.nonce);
                HttpResponse<String> attest = until(deadline, () -> guest.attest(body, true), unexpected, retries);
                if (attest == null) {
                    break;
                }
                if (attest.statusCode() == 401) {
                    retries[0]++;
                    event("attest 401");
                    continue;
                }
                if (attest.statusCode() != 200) {
                    unexpected.add("attest " + attest.statusCode() + ": " + attest.body());
                    break;
                }
                HttpResponse<String> secret = until(deadline, () -> guest.getResource(path), unexpected, retries);
                if (secret == null) {
                    break;
                }
                switch (secret.statusCode()) {
                    case 200 -> {
                        if (!admitted.get(path).equals(decrypt(guest, secret.body()))) {
                            wrong++;
                            unexpected.add("wrong bytes released for " + path);
                        }
                    }
                    case 401, 403 -> {
                        // the session or token is gone, or the appraisal failed closed: attest again
                        retries[0]++;
                        event("admitted " + secret.statusCode());
                        pause();
                        continue attempt;
                    }
                    default -> {
                        unexpected.add(path + " " + secret.statusCode() + ": " + secret.body());
                        break attempt;
                    }
                }
                HttpResponse<String> refused = until(deadline, () -> guest.getResource(denied), unexpected, retries);
                if (refused == null) {
                    break;
                }
                if (refused.statusCode() == 200) {
                    wrong++;
                    unexpected.add("denied resource " + denied + " released");
                } else if (refused.statusCode() != 403 && refused.statusCode() != 401) {
                    unexpected.add(denied + " " + refused.statusCode() + ": " + refused.body());
                }
                return new Flow(start, System.nanoTime(), wrong == 0 && unexpected.isEmpty(), retries[0], wrong,
                        unexpected);
            } catch (Exception e) {
                unexpected.add("guest failed: " + e);
                break;
            }
        }
        return new Flow(start, System.nanoTime(), false, retries[0], wrong, unexpected);
    }

    @FunctionalInterface
    interface Request {
        HttpResponse<String> send() throws Exception;
    }

    /**
     * Sends until the answer is neither a transport failure nor a retryable status (503, 429), or the deadline passes
     * (null), counting each retry. A retryable answer must be problem+json; a 5xx other than 503 is recorded and
     * retried too.
     */
    private HttpResponse<String> until(long deadline, Request request, List<String> unexpected, int[] retries)
            throws InterruptedException {
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response;
            try {
                response = request.send();
            } catch (IOException transport) {
                retries[0]++;
                event("transport " + transport.getClass().getSimpleName());
                pause();
                continue;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                unexpected.add("request failed: " + e);
                return null;
            }
            int status = response.statusCode();
            if (status == 503 || status == 429 || status >= 500) {
                retries[0]++;
                event(Integer.toString(status));
                boolean problem = response.headers().firstValue("Content-Type")
                        .filter(type -> type.startsWith("application/problem+json")).isPresent();
                if (status != 503 && status != 429) {
                    unexpected.add("status " + status + ": " + response.body());
                } else if (!problem) {
                    unexpected.add(status + " without problem+json: " + response.body());
                }
                pause();
                continue;
            }
            return response;
        }
        return null;
    }

    private void event(String kind) {
        events.add(new Event(System.nanoTime(), kind));
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(100 + ThreadLocalRandom.current().nextInt(150));
    }

    static String decrypt(RawGuest guest, String body) throws Exception {
        JsonNode jwe = Json.tree(body);
        JWEObject decoded = JWEObject.parse(String.join(".", jwe.get("protected").asString(),
                jwe.get("encrypted_key").asString(), jwe.get("iv").asString(), jwe.get("ciphertext").asString(),
                jwe.get("tag").asString()));
        decoded.decrypt(new ECDHDecrypter(guest.teeKey));
        return new String(decoded.getPayload().toBytes(), StandardCharsets.UTF_8);
    }
}
