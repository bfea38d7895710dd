package dev.arca.service.kubernetes;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arca.kubernetes.events.*}: Kubernetes Events for refused declarative files (docs/operations.md
 * "Declarative configuration"). The chart turns them on and supplies the pod's name and uid from the downward API.
 *
 * @param enabled           post an Event for each refusal
 * @param apiServer         the API server; from {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} when not set
 * @param serviceAccountDir where the pod's service-account token, CA bundle and namespace are mounted
 * @param podName           the pod the Events are about
 * @param podUid            its uid (optional: lets {@code kubectl describe pod} match the Event exactly)
 * @param timeout           per API request
 */
@ConfigurationProperties("arca.kubernetes.events")
public record KubernetesEventProperties(
        @DefaultValue("false") boolean enabled,
        URI apiServer,
        @DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount") Path serviceAccountDir,
        String podName,
        String podUid,
        @DefaultValue("5s") Duration timeout) {
}
