package dev.arca.launcher.suite;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the ports before any service starts: a port given twice or already taken would otherwise surface half a
 * minute later as a service's start-up failure buried in its log.
 */
public final class PortCheck {

    /** A port and the option that set it, so the message can name the option to change. */
    public record NamedPort(String option, int port) {
    }

    private PortCheck() {
    }

    /** Usage failure for a port out of range or given twice; failure for a port in use. Port 0 means "off". */
    public static void check(List<NamedPort> ports) throws LaunchFailure {
        Map<Integer, String> seen = new HashMap<>();
        for (NamedPort named : ports) {
            if (named.port() == 0) {
                continue;
            }
            if (named.port() < 1 || named.port() > 65535) {
                throw LaunchFailure.usage(named.option() + " " + named.port() + " is not a port: use 1-65535");
            }
            String other = seen.putIfAbsent(named.port(), named.option());
            if (other != null) {
                throw LaunchFailure.usage("port " + named.port() + " is given to both " + other + " and "
                        + named.option() + ": give each service its own port");
            }
        }
        for (NamedPort named : ports) {
            if (named.port() != 0 && inUse(named.port())) {
                throw LaunchFailure.failure("port " + named.port() + " (" + named.option() + ") is already in use on"
                        + " 127.0.0.1: stop what listens there (is another ./arca up running? try ./arca status) or"
                        + " choose another with " + named.option());
            }
        }
    }

    /** Binds the port the way the service will (127.0.0.1, no address reuse) and lets it go at once. */
    static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
