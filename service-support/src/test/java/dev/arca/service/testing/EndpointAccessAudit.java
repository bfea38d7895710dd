package dev.arca.service.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves a running service closed (docs/security.md): every endpoint its handler mappings declare is either
 * listed as public by the test, or answers 401 without a credential and 403 with a token of the wrong role — also
 * through {@code ;} parameters, percent-encoded letters, dot segments, encoded and doubled slashes, which the firewall
 * refuses (400) or the security rules see decoded (401/403). A new endpoint is therefore closed until a test says
 * otherwise.
 */
public final class EndpointAccessAudit {

    /** What a test expects of one endpoint. */
    public enum Access {
        /** anyone may call it */
        PUBLIC,
        /** 401 without a credential, 403 with an admin token of the wrong role */
        CLOSED,
        /** authenticated by something other than a bearer admin JWT (the KBS's attestation tokens): 401 for both */
        ATTESTED
    }

    public record Endpoint(String method, String pattern) {

        /** A concrete path: variables and wildcards become {@code x}. */
        public String path() {
            return pattern.replaceAll("\\{\\*?[^}]+}", "x").replace("/**", "/x");
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public EndpointAccessAudit(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Every (method, pattern) the service maps, except the container's error page. */
    public static List<Endpoint> endpoints(RequestMappingHandlerMapping mappings) {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST)
                        : methods) {
                    endpoints.add(new Endpoint(method.name(), pattern));
                }
            }
        });
        return endpoints;
    }

    /** Spellings of {@code path} that must not reach a different decision than the path itself. */
    public static List<String> variants(String path) {
        String[] segments = path.substring(1).split("/");
        List<String> variants = new ArrayList<>();
        variants.add("/" + segments[0] + ";x" + path.substring(1 + segments[0].length()));
        variants.add(path + ";");
        variants.add(path + ";jsessionid=1");
        variants.add("/" + segments[0] + "/x/.." + path.substring(1 + segments[0].length()));
        variants.add("/" + segments[0] + "/." + path.substring(1 + segments[0].length()));
        variants.add("/" + segments[0] + "/" + path.substring(1 + segments[0].length()));
        if (segments.length > 1) {
            variants.add("/" + segments[0] + "%2F" + path.substring(2 + segments[0].length()));
        }
        String last = segments[segments.length - 1];
        if (!last.isEmpty() && Character.isLetter(last.charAt(0))) {
            String encoded = "%" + Integer.toHexString(last.charAt(0)).toUpperCase() + last.substring(1);
            variants.add(path.substring(0, path.length() - last.length()) + encoded);
        }
        String first = segments[0];
        if (!first.isEmpty() && Character.isLetter(first.charAt(0))) {
            variants.add("/%" + Integer.toHexString(first.charAt(0)) + path.substring(2));
        }
        return variants;
    }

    /**
     * Checks every endpoint. {@code wrongRole} is a valid admin token whose role may call nothing here.
     *
     * @return how many requests were made
     */
    public int assertAll(List<Endpoint> endpoints, Function<Endpoint, Access> expected, String wrongRole) {
        int requests = 0;
        for (Endpoint endpoint : endpoints) {
            Access access = expected.apply(endpoint);
            if (access == Access.PUBLIC) {
                continue;
            }
            String path = endpoint.path();
            assertProblem(endpoint, path, null, Set.of(401));
            assertProblem(endpoint, path, wrongRole, access == Access.CLOSED ? Set.of(403) : Set.of(401));
            requests += 2;
            for (String variant : variants(path)) {
                assertProblem(endpoint, variant, null, Set.of(400, 401));
                assertProblem(endpoint, variant, wrongRole,
                        access == Access.CLOSED ? Set.of(400, 403) : Set.of(400, 401));
                requests += 2;
            }
        }
        return requests;
    }

    private void assertProblem(Endpoint endpoint, String path, String token, Set<Integer> statuses) {
        HttpResponse<String> response = send(endpoint.method(), path, token);
        String what = endpoint.method() + " " + path + (token == null ? " without a credential" : " with a wrong role")
                + " → " + response.statusCode() + " " + response.body();
        assertThat(statuses).as(what).contains(response.statusCode());
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
    }

    public HttpResponse<String> send(String method, String rawPath, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + rawPath))
                .timeout(Duration.ofSeconds(30))
                .method(method, method.equals("POST") || method.equals("PUT")
                        ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + rawPath + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
