package dev.arca.service.kubernetes;

import dev.arca.service.declarative.RefusalReporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a {@code Warning} Event about this pod to the Kubernetes API for each refused declarative file, so
 * {@code kubectl describe pod} and {@code kubectl get events} show it beside the WARN log line.
 *
 * <p>One {@code POST /api/v1/namespaces/<ns>/events} with the pod's service-account token is all it needs, so it
 * uses the JDK's HTTP client rather than a Kubernetes client library (which would add tens of MiB to every image):
 * TLS is verified against the cluster CA mounted with the token, and the token is read again for every request
 * because the kubelet rotates it. Requests are asynchronous and bounded by a timeout; a failure is logged (once per
 * distinct reason) and never changes what the service loaded.
 */
public final class KubernetesEvents implements RefusalReporter {

    private static final Logger log = LoggerFactory.getLogger(KubernetesEvents.class);
    static final String REASON = "DeclaredFileRefused";
    /** The API server refuses longer Event messages. */
    private static final int MAX_MESSAGE = 1024;

    private final URI eventsUri;
    private final Path tokenFile;
    private final String namespace;
    private final String podName;
    private final String podUid;
    private final String component;
    private final KubernetesEventProperties properties;
    private final HttpClient client;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    private KubernetesEvents(KubernetesEventProperties properties, URI apiServer, String namespace, String component,
            SSLContext tls, Clock clock) {
        this.properties = properties;
        this.namespace = namespace;
        this.podName = properties.podName();
        this.podUid = properties.podUid();
        this.component = component;
        this.clock = clock;
        this.tokenFile = properties.serviceAccountDir().resolve("token");
        String base = apiServer.toString().replaceAll("/+$", "");
        this.eventsUri = URI.create(base + "/api/v1/namespaces/" + namespace + "/events");
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The publisher for the pod this process runs in, from the mounted service account.
     *
     * @param component the service's name, the Event's source
     * @param env       the process environment ({@code KUBERNETES_SERVICE_HOST}, {@code KUBERNETES_SERVICE_PORT})
     * @throws IllegalStateException when something it needs is missing: turning Events on in a pod without a
     *                               service-account token or a pod name is a deployment mistake worth stopping for
     */
    public static KubernetesEvents inCluster(KubernetesEventProperties properties, String component,
            Map<String, String> env, Clock clock) {
        if (properties.podName() == null || properties.podName().isBlank()) {
            throw new IllegalStateException("arca.kubernetes.events.enabled=true needs arca.kubernetes.events.pod-name "
                    + "(the chart sets it from the downward API)");
        }
        Path dir = properties.serviceAccountDir();
        for (String file : new String[] {"token", "ca.crt", "namespace"}) {
            if (!Files.isReadable(dir.resolve(file))) {
                throw new IllegalStateException("arca.kubernetes.events.enabled=true but " + dir.resolve(file)
                        + " cannot be read: is the service-account token mounted (automountServiceAccountToken)?");
            }
        }
        URI apiServer = properties.apiServer();
        if (apiServer == null) {
            String host = env.get("KUBERNETES_SERVICE_HOST");
            String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
            if (host == null) {
                throw new IllegalStateException("arca.kubernetes.events.enabled=true but neither "
                        + "arca.kubernetes.events.api-server nor KUBERNETES_SERVICE_HOST is set");
            }
            apiServer = URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
        }
        try {
            String namespace = Files.readString(dir.resolve("namespace"), StandardCharsets.UTF_8).strip();
            return new KubernetesEvents(properties, apiServer, namespace, component, trusting(dir.resolve("ca.crt")),
                    clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TLS that trusts exactly the certificates of the mounted cluster CA bundle. */
    private static SSLContext trusting(Path caBundle) throws IOException {
        try (InputStream in = Files.newInputStream(caBundle)) {
            KeyStore roots = KeyStore.getInstance("PKCS12");
            roots.load(null, null);
            int i = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                roots.setCertificateEntry("ca-" + i++, ca);
            }
            if (i == 0) {
                throw new IOException(caBundle + " holds no certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(roots);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException(caBundle + " is not a usable CA bundle: " + e.getMessage(), e);
        }
    }

    @Override
    public void refused(String what, Path file, String reason, boolean previousKept) {
        String message = what + " file " + file.getFileName() + " refused, "
                + (previousKept ? "previous version kept" : "not loaded") + ": " + reason;
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            failed("the service-account token cannot be read: " + e.getMessage());
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(eventsUri).timeout(properties.timeout())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(event(message)))).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                failed(error.toString());
            } else if (response.statusCode() / 100 != 2) {
                failed("the API server answered " + response.statusCode()
                        + (response.statusCode() == 403 ? " (may the service account create events?)" : ""));
            } else {
                lastFailure.set(null);
            }
        });
    }

    /** A core/v1 Event about this pod. */
    Map<String, Object> event(String message) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.put("namespace", namespace);
        pod.put("name", podName);
        if (podUid != null && !podUid.isBlank()) {
            pod.put("uid", podUid);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("apiVersion", "v1");
        event.put("kind", "Event");
        event.put("metadata", Map.of("generateName", podName + ".", "namespace", namespace));
        event.put("involvedObject", pod);
        event.put("type", "Warning");
        event.put("reason", REASON);
        event.put("message", message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…");
        event.put("source", Map.of("component", component));
        event.put("reportingComponent", "arca.dev/" + component);
        event.put("reportingInstance", podName);
        event.put("firstTimestamp", now);
        event.put("lastTimestamp", now);
        event.put("count", 1);
        return event;
    }

    private void failed(String why) {
        if (!why.equals(lastFailure.getAndSet(why))) {
            log.warn("a Kubernetes Event for a refused declarative file could not be posted to {}: {}", eventsUri,
                    why);
        }
    }
}
