package dev.arca.launcher.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Where the services listen on 127.0.0.1; an RVPS gRPC port of 0 leaves that listener off. */
public record SuitePorts(int kbs, int attestationService, int rvps, int rvpsGrpc) {

    public static final SuitePorts DEFAULT = new SuitePorts(8080, 8081, 8082, 50003);

    /** Three ports free right now, for tests and the demo, which must not collide with a running suite. */
    public static SuitePorts free() {
        return new SuitePorts(freePort(), freePort(), freePort(), 0);
    }

    public int of(ServiceKind kind) {
        return switch (kind) {
            case KBS -> kbs;
            case ATTESTATION_SERVICE -> attestationService;
            case RVPS -> rvps;
        };
    }

    public String url(ServiceKind kind) {
        return "http://127.0.0.1:" + of(kind);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
