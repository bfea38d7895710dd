package dev.arca.launcher;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * FAKE service process for the launcher tests: stands in for the three Spring Boot jars (too slow to start in a
 * unit test, and not built by this module). It takes the same --server.port and --arca.rvps.grpc.port arguments,
 * records its pid in the folder named by -Dfake.pids, and then, by -Dfake.ready: "yes" (default) answers 200 on
 * /actuator/health/readiness, "never" listens nowhere, "exit" stops with status 3 at once.
 */
public final class FakeService {

    public static void main(String[] args) throws Exception {
        String pids = System.getProperty("fake.pids");
        if (pids != null) {
            Files.writeString(Path.of(pids).resolve(Long.toString(ProcessHandle.current().pid())), "");
        }
        String ready = System.getProperty("fake.ready", "yes");
        if ("exit".equals(ready)) {
            System.out.println("fake service: refusing to start");
            System.exit(3);
        }
        if ("yes".equals(ready)) {
            for (String arg : args) {
                if (arg.startsWith("--server.port=")) {
                    int port = Integer.parseInt(arg.substring("--server.port=".length()));
                    HttpServer server = HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
                    server.createContext("/actuator/health/readiness", exchange -> {
                        byte[] body = "{\"status\":\"UP\"}".getBytes();
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
                if (arg.startsWith("--arca.rvps.grpc.port=") && !arg.endsWith("=0")) {
                    int port = Integer.parseInt(arg.substring("--arca.rvps.grpc.port=".length()));
                    ServerSocket grpc = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
                    Thread.ofVirtual().start(() -> {
                        while (true) {
                            try {
                                grpc.accept().close();
                            } catch (Exception e) {
                                return;
                            }
                        }
                    });
                }
            }
        }
        System.out.println("fake service: started");
        Thread.sleep(Long.MAX_VALUE);
    }
}
