package dev.arca.agent.kbs;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.model.error.ErrorInformation;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.AttestResponse;
import dev.arca.model.kbs.Attestation;
import dev.arca.model.kbs.Challenge;
import dev.arca.model.kbs.JweResponse;
import dev.arca.model.kbs.KbsRequest;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.resource.ResourceUri;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Guest-side client of the KBS protocol 0.4.0 in background-check (cookie) mode (specs/aa.md §2): the RCAR
 * handshake {@code /auth} → {@code /attest} yields a token and a session cookie, with which resources are fetched
 * and decrypted with the TEE key. One client holds one TEE key pair and one session; its methods may be called
 * from several threads and run one at a time.
 */
public final class KbsClient {

    /** Resource GET attempts, each 401 in between triggering one new handshake (specs/aa.md §2.9). */
    static final int MAX_RESOURCE_ATTEMPTS = 3;

    private final KbsHttp http;
    private final EvidenceCollector evidence;
    private final TeeKeyPair keyPair;
    private final ResourceDecryptor decryptor;
    private final KbsClientListener listener;
    private final Clock clock;
    private final SessionCookie cookie = new SessionCookie();
    private final ReentrantLock lock = new ReentrantLock();
    private String token;

    private KbsClient(Builder builder) {
        this.keyPair = builder.keyPair != null ? builder.keyPair : TeeKeyPair.generate(builder.keyAlgorithm);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.http = new KbsHttp(builder.kbsUrl, client, builder.requestTimeout);
        this.evidence = new EvidenceCollector(builder.primary, builder.devices, builder.initDataToml);
        this.decryptor = new ResourceDecryptor(keyPair);
        this.listener = builder.listener;
        this.clock = builder.clock;
    }

    public static Builder builder(URI kbsUrl, Attester primary) {
        return new Builder(kbsUrl, primary);
    }

    public TeeKeyPair keyPair() {
        return keyPair;
    }

    /** The token of the current session, if a handshake has succeeded. */
    public Optional<String> token() {
        lock.lock();
        try {
            return Optional.ofNullable(token);
        } finally {
            lock.unlock();
        }
    }

    /** Runs a fresh RCAR handshake and returns the attestation token. */
    public String attest() throws KbsException {
        lock.lock();
        try {
            return handshake();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fetches and decrypts a resource. Attests first when there is no valid token; a 401 means the session is gone
     * or the token no longer accepted, so the client attests again and retries, up to {@value #MAX_RESOURCE_ATTEMPTS}
     * requests in all. 404 and every other status are final (specs/aa.md §2.9).
     */
    public byte[] getResource(ResourceUri uri) throws KbsException {
        Objects.requireNonNull(uri, "uri");
        lock.lock();
        try {
            if (token == null || !TokenClaims.parse(token).isValidAt(clock.instant())) {
                handshake();
            }
            for (int attempt = 1; ; attempt++) {
                KbsHttp.Response response = http.get(KbsStep.RESOURCE, uri.httpPath(), cookie.header());
                switch (response.status()) {
                    case 200 -> {
                        return decrypt(response.body());
                    }
                    case 401 -> {
                        if (attempt == MAX_RESOURCE_ATTEMPTS) {
                            KbsException last = KbsProblem.failure(KbsStep.RESOURCE, 401, response.body());
                            throw new KbsException(KbsStep.RESOURCE, "still unauthorized after "
                                    + MAX_RESOURCE_ATTEMPTS + " attempts: " + last.getMessage(), 401,
                                    last.problem().orElse(null), null);
                        }
                        handshake();
                    }
                    case 404 -> {
                        ErrorInformation problem = KbsProblem.parse(response.body());
                        throw new ResourceNotFoundException("no resource " + uri + ": "
                                + KbsProblem.describe(404, response.body(), problem), problem);
                    }
                    default -> throw KbsProblem.failure(KbsStep.RESOURCE, response.status(), response.body());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private byte[] decrypt(byte[] body) throws KbsException {
        JweResponse jwe;
        try {
            jwe = Json.read(body, JweResponse.class);
        } catch (RuntimeException e) {
            throw new KbsException(KbsStep.RESOURCE, "KBS answer is not a JWE JSON object", e);
        }
        try {
            byte[] plaintext = decryptor.decrypt(jwe);
            listener.resourceReceived(plaintext.length);
            return plaintext;
        } catch (JweDecryptionException e) {
            throw new KbsException(KbsStep.RESOURCE, e.getMessage(), e);
        }
    }

    private String handshake() throws KbsException {
        token = null;
        cookie.clear();
        Challenge challenge = auth();
        HashAlgorithm hash;
        try {
            hash = HashNegotiation.select(challenge.extraParams());
        } catch (IllegalArgumentException e) {
            throw new KbsException(KbsStep.AUTH, e.getMessage(), e);
        }
        listener.authenticated(challenge.nonce());
        Attestation attestation;
        try {
            attestation = evidence.collect(challenge.nonce(), keyPair.publicJwk(), hash);
        } catch (AttesterException e) {
            throw new KbsException(KbsStep.ATTEST, evidence.primaryTee() + " evidence: " + e.getMessage(), e);
        }
        String newToken = attestation(attestation);
        TokenClaims claims;
        try {
            claims = TokenClaims.parse(newToken);
        } catch (IllegalArgumentException e) {
            throw new KbsException(KbsStep.ATTEST, e.getMessage(), e);
        }
        token = newToken;
        listener.attested(newToken, claims.cpu0Status().orElse(TokenClaims.UNKNOWN_STATUS));
        return newToken;
    }

    private Challenge auth() throws KbsException {
        KbsRequest request = new KbsRequest(ProtocolVersion.CURRENT, evidence.primaryTee().wireName(),
                HashNegotiation.requestExtraParams());
        KbsHttp.Response response = http.postJson(KbsStep.AUTH, "/kbs/v0/auth", Json.writeBytes(request),
                Optional.empty());
        if (response.status() != 200) {
            throw KbsProblem.failure(KbsStep.AUTH, response.status(), response.body());
        }
        cookie.capture(response.headers());
        if (!cookie.isPresent()) {
            throw new KbsException(KbsStep.AUTH, "KBS answered without a " + SessionCookie.NAME + " cookie");
        }
        Challenge challenge;
        try {
            challenge = Json.read(response.body(), Challenge.class);
        } catch (RuntimeException e) {
            throw new KbsException(KbsStep.AUTH, "KBS challenge is not JSON", e);
        }
        if (challenge == null || challenge.nonce() == null || challenge.nonce().isEmpty()) {
            throw new KbsException(KbsStep.AUTH, "KBS challenge has no nonce");
        }
        return challenge;
    }

    private String attestation(Attestation attestation) throws KbsException {
        KbsHttp.Response response = http.postJson(KbsStep.ATTEST, "/kbs/v0/attest", Json.writeBytes(attestation),
                cookie.header());
        if (response.status() != 200) {
            throw KbsProblem.failure(KbsStep.ATTEST, response.status(), response.body());
        }
        cookie.capture(response.headers());
        AttestResponse answer;
        try {
            answer = Json.read(response.body(), AttestResponse.class);
        } catch (RuntimeException e) {
            throw new KbsException(KbsStep.ATTEST, "KBS attest answer is not JSON", e);
        }
        if (answer == null || answer.token() == null || answer.token().isBlank()) {
            throw new KbsException(KbsStep.ATTEST, "KBS attest answer has no token");
        }
        return answer.token();
    }

    /** Configuration of a {@link KbsClient}; timeouts default to connect 5 s and 30 s per request. */
    public static final class Builder {

        private final URI kbsUrl;
        private final Attester primary;
        private List<Attester> devices = List.of();
        private TeeKeyAlgorithm keyAlgorithm = TeeKeyAlgorithm.P256;
        private TeeKeyPair keyPair;
        private String initDataToml;
        private KbsClientListener listener = KbsClientListener.NONE;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder(URI kbsUrl, Attester primary) {
            Objects.requireNonNull(kbsUrl, "kbsUrl");
            String scheme = kbsUrl.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || kbsUrl.getHost() == null
                    || kbsUrl.getRawQuery() != null || kbsUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("KBS URL must be http(s)://host[:port][/path], got " + kbsUrl);
            }
            this.kbsUrl = kbsUrl;
            this.primary = Objects.requireNonNull(primary, "primary attester");
        }

        /** Additional-device attesters (at most one per TEE type); their evidence goes into additional_evidence. */
        public Builder additionalAttesters(List<Attester> devices) {
            this.devices = List.copyOf(devices);
            return this;
        }

        /** The kind of TEE key to generate (default P-256); ignored when {@link #keyPair} is given. */
        public Builder keyAlgorithm(TeeKeyAlgorithm keyAlgorithm) {
            this.keyAlgorithm = Objects.requireNonNull(keyAlgorithm);
            return this;
        }

        public Builder keyPair(TeeKeyPair keyPair) {
            this.keyPair = keyPair;
            return this;
        }

        /** Init-data TOML text sent verbatim as {@code init-data} (specs/aa.md §5); null for none. */
        public Builder initData(String toml) {
            if (toml != null && toml.isBlank()) {
                throw new IllegalArgumentException("init-data TOML is empty");
            }
            this.initDataToml = toml;
            return this;
        }

        public Builder listener(KbsClientListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout);
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public KbsClient build() {
            return new KbsClient(this);
        }

        private static Duration positive(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            return value;
        }
    }
}
