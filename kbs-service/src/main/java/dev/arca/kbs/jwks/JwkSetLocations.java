package dev.arca.kbs.jwks;

import dev.arca.kbs.upstream.UpstreamHttp;
import dev.arca.kbs.upstream.UpstreamResponse;
import dev.arca.kbs.upstream.UpstreamUnavailableException;
import dev.arca.model.admin.JwkSetCache;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Fetchers for JWK sets named in configuration ({@code arca.kbs.token.trusted-jwks}, {@code arca.admin.jwks-url};
 * Trustee attestation_token_verification.md; Trustee KBS admin.md): a local file (plain path or
 * {@code file:} URI), or an http(s) URL that either serves the JWK set itself or, failing that, is an OpenID issuer
 * whose {@code /.well-known/openid-configuration} names the {@code jwks_uri}. Every HTTP call goes through
 * {@link UpstreamHttp}, so it has connect and read timeouts and follows no redirect.
 */
public final class JwkSetLocations {

    private static final Logger log = LoggerFactory.getLogger(JwkSetLocations.class);
    private static final String DISCOVERY = "/.well-known/openid-configuration";

    private JwkSetLocations() {
    }

    public static JwkSetCache.Fetcher fetcher(String location, UpstreamHttp http) {
        if (location.startsWith("https://") || location.startsWith("http://")) {
            URI uri = URI.create(location);
            if (location.startsWith("http://") && !isLoopback(uri)) {
                log.warn("{} is fetched over plain HTTP; anyone on the path can "
                        + "substitute the keys. Use https:// outside development.", location);
            }
            return () -> fromUrl(uri, http);
        }
        Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        return () -> fromFile(file);
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    private static String fromFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UpstreamUnavailableException("cannot read JWK set file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The URL's own answer when it is a non-empty JWK set, else the issuer's discovered jwks_uri. */
    private static String fromUrl(URI uri, UpstreamHttp http) {
        String service = "JWK set " + uri;
        UpstreamResponse direct = http.get(uri, service);
        if (direct.isSuccess() && hasKeys(direct.text())) {
            return direct.text();
        }
        URI discovery = UpstreamHttp.endpoint(uri, DISCOVERY);
        UpstreamResponse configuration = http.get(discovery, service);
        if (!configuration.isSuccess()) {
            throw new UpstreamUnavailableException(uri + " serves neither a JWK set nor an OpenID configuration",
                    null);
        }
        JsonNode jwksUri;
        try {
            jwksUri = Json.tree(configuration.text()).path("jwks_uri");
        } catch (RuntimeException e) {
            throw new UpstreamUnavailableException(discovery + " is not JSON", e);
        }
        if (!jwksUri.isString()) {
            throw new UpstreamUnavailableException(discovery + " names no jwks_uri", null);
        }
        UpstreamResponse keys = http.get(URI.create(jwksUri.asString()), service);
        if (!keys.isSuccess()) {
            throw new UpstreamUnavailableException(jwksUri.asString() + " answered status " + keys.status(), null);
        }
        return keys.text();
    }

    private static boolean hasKeys(String text) {
        try {
            JsonNode keys = Json.tree(text).path("keys");
            return keys.isArray() && !keys.isEmpty();
        } catch (RuntimeException notJson) {
            return false;
        }
    }
}
