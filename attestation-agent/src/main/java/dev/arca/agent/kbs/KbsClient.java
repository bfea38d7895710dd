package dev.arca.agent.kbs;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.model.error.ErrorInformation;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.AttestResponse;
import dev.arca.model.kbs.Challenge;
import dev.arca.model.kbs.JweResponse;
import dev.arca.model.kbs.KbsRequest;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.resource.ResourceUri;
import dev.arca.model.tee.Tee;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;

/**
 * Guest-side client of the KBS protocol (guest-components kbs_protocol): the RCAR handshake {@code /auth} → {@code
 * /attest} yields a token and a session cookie, with which resources are fetched and decrypted with the TEE key — in
 * cookie (background-check) or bearer (passport) mode, in the message shapes of protocol 0.4.0 or of an older KBS. One
 * client holds one TEE key pair, one session and one token; its methods may be called from several threads and run
 * one at a time.
 */
public final class KbsClient {

    /** Resource GET attempts, each 401 in between triggering one new handshake (guest-components kbs_protocol). */
    static final int MAX_RESOURCE_ATTEMPTS = 3;

    private final KbsHttp http;
    private final EvidenceCollector evidence;
    private final TeeKeyPair keyPair;
    private final ResourceDecryptor decryptor;
    private final KbsClientListener listener;
    private final Clock clock;
    private final ProtocolVersion protocol;
    private final ResourceAuth resourceAuth;
    private final Duration tokenRefreshMargin;
    private final int handshakeAttempts;
    private final Duration retryDelay;
    private final SessionCookie cookie = new SessionCookie();
    private final ReentrantLock lock = new ReentrantLock();
    private String token;

    private KbsClient(Builder builder) {
        builder.validate();
        this.keyPair = builder.keyPair != null ? builder.keyPair : TeeKeyPair.generate(builder.keyAlgorithm);
        this.http = new KbsHttp(builder.kbsUrl,
                builder.httpClient != null ? builder.httpClient
                        : sharedHttpClient(builder.connectTimeout, builder.sslContext), builder.requestTimeout);
        this.evidence = new EvidenceCollector(builder.primary, builder.devices, builder.initDataToml);
        this.protocol = builder.protocol;
        // a KBS that gets only a bearer token cannot tell the guest's generation; an Arca KBS answers an RSA1_5 key
        // with the 0.1.x layout (upstream 0.1.x guests make only such keys), an upstream 0.2.0+ KBS with RFC 7516
        this.decryptor = new ResourceDecryptor(keyPair, protocol.legacyJwe()
                || builder.resourceAuth == ResourceAuth.BEARER && keyPair.algorithm() == TeeKeyAlgorithm.RSA1_5);
        this.listener = builder.listener;
        this.clock = builder.clock;
        this.resourceAuth = builder.resourceAuth;
        this.tokenRefreshMargin = builder.tokenRefreshMargin;
        this.handshakeAttempts = builder.handshakeAttempts;
        this.retryDelay = builder.retryDelay;
        this.token = builder.initialToken;
    }

    /** An HTTP client as every KbsClient uses (one of its own unless {@link Builder#httpClient} shares one): HTTP/1.1, no redirects, the given connect timeout. */
    public static HttpClient sharedHttpClient(Duration connectTimeout, SSLContext sslContext) {
        HttpClient.Builder client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (sslContext != null) {
            client.sslContext(sslContext);
        }
        return client.build();
    }

    public static Builder builder(URI kbsUrl, Attester primary) {
        return new Builder(kbsUrl, primary);
    }

    public TeeKeyPair keyPair() {
        return keyPair;
    }

    public ProtocolVersion protocol() {
        return protocol;
    }

    public Tee primaryTee() {
        return evidence.primaryTee();
    }

    /** The token held now, if any (it may have expired). */
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
     * A token that stays valid for at least the refresh margin: the one held, or a fresh one (guest-components
     * kbs_protocol — upstream renews only after expiry; renewing shortly before keeps a request from arriving with a
     * token that expires in flight).
     */
    public String usableToken() throws KbsException {
        lock.lock();
        try {
            return tokenUsable() ? token : handshake();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fetches and decrypts a resource. Attests first when there is no usable token; a 401 means the session is gone
     * or the token no longer accepted, so the client attests again and retries, up to {@value #MAX_RESOURCE_ATTEMPTS}
     * requests in all. 404 and every other status are final (guest-components kbs_protocol).
     */
    public byte[] getResource(ResourceUri uri) throws KbsException {
        Objects.requireNonNull(uri, "uri");
        lock.lock();
        try {
            if (!tokenUsable() || resourceAuth == ResourceAuth.COOKIE && !cookie.isPresent()) {
                handshake();
            }
            for (int attempt = 1; ; attempt++) {
                KbsHttp.Credentials credentials = resourceAuth == ResourceAuth.BEARER
                        ? KbsHttp.Credentials.bearer(token)
                        : KbsHttp.Credentials.cookie(cookie.header());
                KbsHttp.Response response = http.get(KbsStep.RESOURCE, uri.httpPath(), credentials);
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

    private boolean tokenUsable() {
        if (token == null) {
            return false;
        }
        try {
            return TokenClaims.parse(token).isValidAt(clock.instant().plus(tokenRefreshMargin));
        } catch (IllegalArgumentException notAJwt) {
            return false;
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

    /**
     * One handshake, repeated while it fails for a reason that may pass — no answer, or a KBS-side 5xx — up to the
     * configured number of attempts with a pause in between (upstream: 5 attempts, 1 s). A rejection (4xx, evidence
     * the KBS refused, a TLS failure) is final at once: repeating it would only repeat it.
     */
    private String handshake() throws KbsException {
        for (int attempt = 1; ; attempt++) {
            try {
                return handshakeOnce();
            } catch (KbsException e) {
                if (!KbsHttp.transientFailure(e) || attempt >= handshakeAttempts) {
                    throw attempt == 1 ? e : new KbsException(e.step(), e.getMessage() + " (gave up after " + attempt
                            + " attempts)", e.httpStatus(), e.problem().orElse(null), e.getCause());
                }
                listener.retrying(e.step(), attempt, e.getMessage());
                pause();
            }
        }
    }

    private void pause() throws KbsException {
        try {
            Thread.sleep(retryDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbsException(KbsStep.AUTH, "interrupted while waiting to retry", e);
        }
    }

    private String handshakeOnce() throws KbsException {
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
        JsonNode attestation;
        try {
            attestation = evidence.collect(protocol, challenge.nonce(), keyPair.publicJwk(), hash);
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
        JsonNode extraParams = protocol.negotiatesHash() ? HashNegotiation.requestExtraParams()
                : Json.MAPPER.getNodeFactory().stringNode("");
        KbsRequest request = new KbsRequest(protocol.version(), evidence.primaryTee().wireName(), extraParams);
        KbsHttp.Response response = http.postJson(KbsStep.AUTH, "/kbs/v0/auth", Json.writeBytes(request),
                KbsHttp.Credentials.NONE);
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

    private String attestation(JsonNode attestation) throws KbsException {
        KbsHttp.Response response = http.postJson(KbsStep.ATTEST, "/kbs/v0/attest", Json.writeBytes(attestation),
                KbsHttp.Credentials.cookie(cookie.header()));
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

    /**
     * Configuration of a {@link KbsClient}. Defaults: protocol 0.4.0, cookie mode, P-256 key, connect timeout 5 s,
     * 30 s per request, token renewed 30 s before it expires, up to 5 handshake attempts 1 s apart.
     */
    public static final class Builder {

        private final URI kbsUrl;
        private final Attester primary;
        private List<Attester> devices = List.of();
        private TeeKeyAlgorithm keyAlgorithm = TeeKeyAlgorithm.P256;
        private TeeKeyPair keyPair;
        private String initDataToml;
        private String initialToken;
        private ProtocolVersion protocol = ProtocolVersion.CURRENT;
        private ResourceAuth resourceAuth = ResourceAuth.COOKIE;
        private KbsClientListener listener = KbsClientListener.NONE;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration tokenRefreshMargin = Duration.ofSeconds(30);
        private int handshakeAttempts = 5;
        private Duration retryDelay = Duration.ofSeconds(1);
        private SSLContext sslContext;
        private HttpClient httpClient;
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

        /** Init-data TOML text sent verbatim as {@code init-data} (Trustee initdata.md); null for none. */
        public Builder initData(String toml) {
            if (toml != null && toml.isBlank()) {
                throw new IllegalArgumentException("init-data TOML is empty");
            }
            this.initDataToml = toml;
            return this;
        }

        /**
         * A token obtained earlier (e.g. from {@code get-token}) for bearer mode; it must belong to
         * {@link #keyPair}. It is used while valid and replaced by a fresh handshake when it expires or is refused.
         */
        public Builder initialToken(String token) {
            if (token != null) {
                TokenClaims.parse(token);
            }
            this.initialToken = token;
            return this;
        }

        public Builder protocol(ProtocolVersion protocol) {
            this.protocol = Objects.requireNonNull(protocol);
            return this;
        }

        public Builder resourceAuth(ResourceAuth resourceAuth) {
            this.resourceAuth = Objects.requireNonNull(resourceAuth);
            return this;
        }

        /** HTTPS trust: e.g. {@link KbsTls#trustingOnly} for a pinned KBS certificate or CA. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * An HTTP client shared with other KbsClients (e.g. {@link #sharedHttpClient}), so they share its kept-alive
         * connections instead of opening their own; {@link #connectTimeout} and {@link #sslContext} are then the
         * shared client's. The session cookie stays per KbsClient: it is never kept by the HTTP client.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
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

        /** How long before its {@code exp} a token is replaced (zero: only once expired, as upstream). */
        public Builder tokenRefreshMargin(Duration margin) {
            if (margin == null || margin.isNegative()) {
                throw new IllegalArgumentException("token refresh margin must be zero or positive");
            }
            this.tokenRefreshMargin = margin;
            return this;
        }

        /** Handshake attempts when the KBS cannot be reached or fails on its side (at least 1). */
        public Builder handshakeAttempts(int attempts) {
            if (attempts < 1 || attempts > 100) {
                throw new IllegalArgumentException("handshake attempts must be 1..100");
            }
            this.handshakeAttempts = attempts;
            return this;
        }

        public Builder retryDelay(Duration retryDelay) {
            if (retryDelay == null || retryDelay.isNegative()) {
                throw new IllegalArgumentException("retry delay must be zero or positive");
            }
            this.retryDelay = retryDelay;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** @throws IllegalArgumentException when the protocol version cannot carry what was configured */
        public KbsClient build() {
            return new KbsClient(this);
        }

        /**
         * Refuses what the chosen protocol version cannot carry, before any key is made or request sent
         * (older Trustee KBS protocol versions).
         *
         * @throws IllegalArgumentException naming the conflict
         */
        public void validate() {
            if (protocol == ProtocolVersion.V0_1_0) {
                // 0.1.0 sends the evidence as JSON text and bound H(nonce ‖ n ‖ e) in its oldest form; no guest
                // built since Trustee v0.10 needs it, so this client speaks 0.1.1 and later only
                throw new IllegalArgumentException("protocol 0.1.0 is not supported by this agent; use 0.1.1 or later");
            }
            if (!protocol.compositeEvidence() && !devices.isEmpty()) {
                throw new IllegalArgumentException("protocol " + protocol + " has no additional-device evidence;"
                        + " devices need protocol 0.3.0 or later");
            }
            if (!protocol.runtimeDataMember() && initDataToml != null) {
                throw new IllegalArgumentException("protocol " + protocol + " cannot carry init-data; it needs 0.4.0");
            }
            TeeKeyAlgorithm key = keyPair != null ? keyPair.algorithm() : keyAlgorithm;
            if (protocol.legacyJwe() && key != TeeKeyAlgorithm.RSA1_5) {
                throw new IllegalArgumentException("a protocol " + protocol + " KBS encrypts resources only to RSA1_5"
                        + " keys; use the rsa1_5 key type");
            }
            if (devices.stream().map(Attester::tee).distinct().count() != devices.size()) {
                throw new IllegalArgumentException("two additional attesters for the same TEE");
            }
        }

        private static Duration positive(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            return value;
        }
    }
}
