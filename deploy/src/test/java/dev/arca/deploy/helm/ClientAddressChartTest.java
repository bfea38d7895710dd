package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * kbs.forwardedHeaders: the KBS believes X-Forwarded-For (for its /auth rate limit) only from trusted proxies, and not
 * at all without an Ingress — overriding Spring Boot, which believes it from any private address on Kubernetes.
 */
class ClientAddressChartTest {

    @Test
    void withoutAnIngressTheHeaderIsIgnored() {
        assertThat(ArcaChart.get().render(ChartValues.defaults()).env("kbs"))
                .containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "none")
                .doesNotContainKey("SERVER_TOMCAT_REMOTEIP_INTERNALPROXIES");
    }

    @Test
    void behindTheIngressItIsBelievedFromInClusterPeersOrFromTheConfiguredProxiesOnly() {
        assertThat(ArcaChart.get().render(ChartValues.defaults().set("kbs.ingress.enabled", true)).env("kbs"))
                .containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native")
                .doesNotContainKey("SERVER_TOMCAT_REMOTEIP_INTERNALPROXIES");
        assertThat(ArcaChart.get().render(ChartValues.defaults().set("kbs.ingress.enabled", true)
                .yaml("kbs: {forwardedHeaders: {trustedProxies: '10\\.42\\.0\\.\\d{1,3}'}}")).env("kbs"))
                .containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native")
                .containsEntry("SERVER_TOMCAT_REMOTEIP_INTERNALPROXIES", "10\\.42\\.0\\.\\d{1,3}");
    }
}
