package dev.arca.agent.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The API is for the workloads of this guest only (guest-components api-server-rest: upstream answers every
 * non-loopback caller with 403): it binds to loopback unless remote access is configured, and checks each caller's
 * address as well, so a wrong bind address alone does not expose the TEE's tokens and secrets.
 */
final class LoopbackGuard {

    private LoopbackGuard() {
    }

    static boolean isLoopback(InetAddress address) {
        if (address == null) {
            return false;
        }
        if (address.isLoopbackAddress()) {
            return true;
        }
        // ::ffff:127.x.y.z, as a dual-stack socket reports an IPv4 loopback caller
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (bytes[i] != 0) {
                    return false;
                }
            }
            return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF && bytes[12] == 127;
        }
        return false;
    }

    static boolean callerAllowed(InetSocketAddress caller, boolean allowRemote) {
        return allowRemote || caller != null && isLoopback(caller.getAddress());
    }
}
