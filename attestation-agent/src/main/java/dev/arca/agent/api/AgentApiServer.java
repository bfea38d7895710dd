package dev.arca.agent.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.arca.agent.config.ApiSettings;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.service.AgentService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The local REST API for workloads (guest-components api-server-rest) on the JDK's HTTP server, one virtual thread per
 * request. Limits: a bounded number of requests at once (more get 503), request URLs up to 8 KiB (414), bodies up to 64
 * KiB (413), 30 s to send a request; callers must be on loopback unless remote access is configured (403).
 */
public final class AgentApiServer implements AutoCloseable {

    static final int MAX_URI = 8 * 1024;
    static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    private AgentApiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving. A non-loopback bind address is refused unless {@code settings.allowRemote()}.
     *
     * @param log receives one line per request (method, path, status); never a secret
     */
    public static AgentApiServer start(AgentService service, ApiSettings settings, Consumer<String> log)
            throws IOException, ConfigException {
        InetSocketAddress bind = settings.bind();
        if (!settings.allowRemote() && !LoopbackGuard.isLoopback(bind.getAddress())) {
            throw new ConfigException("refusing to serve on " + bind.getAddress().getHostAddress()
                    + ": the API hands out tokens and secrets, so it binds to loopback unless remote access is"
                    + " allowed (--allow-remote / arca.api.allow_remote)");
        }
        limitRequestTime();
        HttpServer server = HttpServer.create(bind, 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        AgentRoutes routes = new AgentRoutes(service, settings.features());
        Semaphore slots = new Semaphore(settings.maxConcurrentRequests());
        server.createContext("/", exchange -> serve(exchange, routes, settings.allowRemote(), slots, log));
        server.setExecutor(executor);
        server.start();
        return new AgentApiServer(server, executor);
    }

    private static void serve(HttpExchange raw, AgentRoutes routes, boolean allowRemote, Semaphore slots,
            Consumer<String> log) {
        ApiExchange exchange = new ApiExchange(raw, MAX_BODY);
        int status = 500;
        boolean acquired = false;
        try (raw) {
            try {
                if (!LoopbackGuard.callerAllowed(raw.getRemoteAddress(), allowRemote)) {
                    throw new ApiException(403, "Forbidden", "only callers on this host may use the agent API");
                }
                if (raw.getRequestURI().getRawPath().length() + nullLength(raw.getRequestURI().getRawQuery())
                        > MAX_URI) {
                    throw new ApiException(414, "URI Too Long", "request URL exceeds " + MAX_URI + " bytes");
                }
                acquired = slots.tryAcquire();
                if (!acquired) {
                    throw new ApiException(503, "Service Unavailable", "too many requests in progress; retry");
                }
                routes.handle(exchange);
                status = raw.getResponseCode();
            } catch (ApiException e) {
                status = e.status();
                exchange.problem(e.status(), e.title(), e.getMessage());
            } catch (RuntimeException e) {
                status = 500;
                exchange.problem(500, "Internal Server Error", "unexpected " + e.getClass().getSimpleName());
            }
        } catch (IOException clientGone) {
            status = -1;
        } finally {
            if (acquired) {
                slots.release();
            }
            log.accept(raw.getRequestMethod() + " " + raw.getRequestURI().getRawPath() + " " + status);
        }
    }

    private static int nullLength(String text) {
        return text == null ? 0 : text.length();
    }

    /**
     * The JDK server reads these once, when the first server is made: a client has 30 s to send its request
     * (slow-request protection); writing the answer has no limit, since a resource may need a KBS round trip.
     */
    private static void limitRequestTime() {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "30");
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
