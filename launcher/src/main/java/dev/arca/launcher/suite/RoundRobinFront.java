package dev.arca.launcher.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one address of a service that runs as several replicas on this host: a TCP front that hands each new
 * connection to the next replica in turn, skipping one that refuses the connection (stopped or crashed). It plays
 * the part a Kubernetes Service plays in the chart, so the KBS needs one AS URL however many AS replicas run. It
 * never reads or changes the bytes; a connection cut by a replica's death is cut for the client too, as it would be
 * behind a real load balancer.
 */
public final class RoundRobinFront implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final ServerSocket server;
    private final List<Integer> replicaPorts;
    private final AtomicInteger next = new AtomicInteger();
    private final Thread acceptor;

    private RoundRobinFront(ServerSocket server, List<Integer> replicaPorts) {
        this.server = server;
        this.replicaPorts = List.copyOf(replicaPorts);
        this.acceptor = Thread.ofVirtual().name("front-" + server.getLocalPort()).start(this::accept);
    }

    /** Listens on 127.0.0.1:{@code port} and forwards to the replicas listening on 127.0.0.1:{@code replicaPorts}. */
    public static RoundRobinFront open(int port, List<Integer> replicaPorts) throws IOException {
        if (replicaPorts.isEmpty()) {
            throw new IllegalArgumentException("a front needs at least one replica");
        }
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        return new RoundRobinFront(server, replicaPorts);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread.ofVirtual().start(() -> serve(client));
        }
    }

    private void serve(Socket client) {
        try (client; Socket replica = connectToNextReplica()) {
            if (replica == null) {
                return; // no replica answers: the client sees its connection closed, as with no ready endpoint
            }
            Thread upstream = Thread.ofVirtual().start(() -> pump(client, replica));
            pump(replica, client);
            upstream.join();
        } catch (IOException | InterruptedException | UncheckedIOException ignored) {
            // one side went away; both sockets are closed by the try-with-resources
        }
    }

    /** The next replica in turn that accepts a connection, or null when none does. */
    private Socket connectToNextReplica() {
        int start = Math.floorMod(next.getAndIncrement(), replicaPorts.size());
        for (int i = 0; i < replicaPorts.size(); i++) {
            int port = replicaPorts.get((start + i) % replicaPorts.size());
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                return socket;
            } catch (IOException refused) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    /** Copies until end of stream, then half-closes the other side so a response still in flight gets through. */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException cut) {
            // a reset on one side: close both, so the other side sees the cut at once instead of hanging
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        acceptor.interrupt();
    }
}
