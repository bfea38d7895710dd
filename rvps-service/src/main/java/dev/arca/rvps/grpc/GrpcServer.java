package dev.arca.rvps.grpc;

import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.protobuf.services.HealthStatusManager;
import dev.arca.rvps.RvpsProperties;
import dev.arca.rvps.security.GrpcCallers;
import dev.arca.rvps.referencevalue.ReferenceValueService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the gRPC listener next to the HTTP server, on its own port ({@code arca.rvps.grpc.port}, upstream's 50003),
 * started and stopped with the application context. Calls run on virtual threads, as the HTTP requests do, since they
 * block on the database.
 */
@Component
class GrpcServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

    private final GrpcProperties properties;
    private final ReferenceValueGrpcService service;
    private final int maxMessageBytes;
    /** The service name the health service reports, as upstream's clients ask for it. */
    static final String SERVICE_NAME = "reference.ReferenceValueProviderService";

    /** New for every start: its terminal state (entered on stop) cannot be left, and a context may be restarted. */
    private HealthStatusManager health;
    private ExecutorService executor;
    private Server server;

    GrpcServer(GrpcProperties properties, RvpsProperties limits, ReferenceValueService service,
               GrpcCallers callers) {
        this.properties = properties;
        this.maxMessageBytes = Math.toIntExact(limits.maxRequestSize().toBytes());
        this.service = new ReferenceValueGrpcService(service, callers);
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled()) {
            log.info("gRPC listener disabled (arca.rvps.grpc.port=0)");
            return;
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        health = new HealthStatusManager();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(properties.address(), properties.port()))
                .addService(ServerInterceptors.intercept(TypedParseErrors.apply(service.bindService()),
                        new CallerAuthorization()))
                // grpc.health.v1: open, as the protocol intends; it tells only whether the service answers
                .addService(health.getHealthService())
                .maxInboundMessageSize(maxMessageBytes)
                .executor(executor)
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gRPC listener on " + properties.address() + ":"
                    + properties.port(), e);
        }
        health.setStatus("", HealthCheckResponse.ServingStatus.SERVING);
        health.setStatus(SERVICE_NAME, HealthCheckResponse.ServingStatus.SERVING);
        log.info("gRPC reference.ReferenceValueProviderService listening on {}:{}", properties.address(),
                server.getPort());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            health.enterTerminalState();
            server.shutdown();
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }
}
