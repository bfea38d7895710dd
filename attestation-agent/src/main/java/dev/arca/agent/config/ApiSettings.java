package dev.arca.agent.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The workload REST API (guest-components api-server-rest): where it listens, whether other hosts may call it, which
 * route groups are on, and how many requests it serves at once.
 *
 * @param bind                  the listen address; loopback unless {@code allowRemote}
 * @param allowRemote           accept a non-loopback bind address and non-loopback callers
 * @param features              the route groups, as upstream's {@code --features}
 * @param maxConcurrentRequests requests served at once; more get 503
 */
public record ApiSettings(InetSocketAddress bind, boolean allowRemote, Features features, int maxConcurrentRequests) {

    public static final String DEFAULT_BIND = "127.0.0.1:8006";

    /** Upstream's {@code --features}: {@code resource} (/cdh), {@code attestation} (/aa), {@code all}. */
    public enum Features {
        RESOURCE, ATTESTATION, ALL;

        public boolean resource() {
            return this != ATTESTATION;
        }

        public boolean attestation() {
            return this != RESOURCE;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Features parse(String text) throws ConfigException {
            for (Features f : values()) {
                if (f.wireName().equals(text)) {
                    return f;
                }
            }
            throw new ConfigException("features '" + text + "' is not one of resource, attestation, all");
        }
    }

    public ApiSettings {
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("max concurrent requests must be at least 1");
        }
    }

    /** {@code host:port} or {@code [v6]:port}; the host must be an address literal or resolvable name. */
    public static InetSocketAddress parseBind(String text) throws ConfigException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ConfigException("bind address '" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException("bind port in '" + text + "' is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("bind port " + port + " is out of range");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new ConfigException("bind host '" + host + "' is unknown");
        }
    }
}
