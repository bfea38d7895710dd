package dev.arca.bench.load;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /attestation} straight at a running attestation service, as the KBS calls it: the same body shape and a
 * caller token signed with the KBS's caller key ({@code iss} kbs, {@code aud} attestation-service). It lets the
 * harness compare the AS's CPU for one kind of evidence against another (a real TDX quote against the sample) at the
 * same concurrency. Only loopback targets are accepted.
 */
public final class AttestationLoad {

    private final URI attestation;
    private final ECPrivateKey kbsCallerKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public AttestationLoad(URI as, ECPrivateKey kbsCallerKey) throws UnknownHostException {
        if (!InetAddress.getByName(as.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("load is only sent to loopback addresses, not " + as.getHost());
        }
        this.attestation = URI.create(as + "/attestation");
        this.kbsCallerKey = kbsCallerKey;
    }

    /**
     * {@code requests} attestations of {@code body} from {@code threads} threads over kept-alive connections.
     *
     * @return how many were answered 200
     * @throws IllegalStateException on the first other answer (its status and the start of its body)
     */
    public int run(String body, int threads, int requests) throws Exception {
        AtomicInteger left = new AtomicInteger(requests);
        AtomicInteger ok = new AtomicInteger();
        HttpRequest request = HttpRequest.newBuilder(attestation)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + callerToken(kbsCallerKey))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            String text = response.body();
                            throw new IllegalStateException("POST /attestation answered " + response.statusCode()
                                    + ": " + text.substring(0, Math.min(300, text.length())));
                        }
                        ok.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return ok.get();
    }

    /** One caller token per run, as the KBS reuses its own: the AS remembers its verified signature. */
    private static String callerToken(ECPrivateKey key) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("kbs")
                .subject("kbs")
                .audience("attestation-service")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
