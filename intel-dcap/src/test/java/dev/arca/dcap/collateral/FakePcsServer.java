package dev.arca.dcap.collateral;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A FAKE of Intel's Provisioning Certification Service, which cannot be reached from this machine: a JDK HTTP
 * server on a random local port that serves the corpus's captured collateral (dcap-qvl bundles) at the PCS v4 paths
 * of Intel PCS API v4, with URL-encoded issuer-chain headers as PCS sends them. Unknown FMSPCs answer 404.
 */
final class FakePcsServer implements AutoCloseable {

    private record Served(String tee, String fmspc, String tcbInfo, String tcbSignature, String tcbChain,
            String qeIdentity, String qeSignature, String qeChain, String pckCa, byte[] pckCrl, String pckCrlChain,
            byte[] rootCrl) {
    }

    private final HttpServer server;
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean formEncoding;
    private volatile boolean omitChainHeaders;

    FakePcsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves a dcap-qvl QuoteCollateralV3 file (the format of Phala dcap-qvl's test data). */
    FakePcsServer serve(Path bundle) throws IOException {
        JsonNode root = Json.MAPPER.readTree(Files.readString(bundle));
        String tcbInfo = root.get("tcb_info").stringValue();
        JsonNode parsed = Json.MAPPER.readTree(tcbInfo);
        String pckCrlHex = root.get("pck_crl").stringValue();
        String pckCa = new String(HexFormat.of().parseHex(pckCrlHex), StandardCharsets.ISO_8859_1)
                .contains("Processor CA") ? "processor" : "platform";
        served.add(new Served(parsed.get("id").stringValue().toLowerCase(Locale.ROOT),
                parsed.get("fmspc").stringValue().toUpperCase(Locale.ROOT), tcbInfo,
                root.get("tcb_info_signature").stringValue(), root.get("tcb_info_issuer_chain").stringValue(),
                root.get("qe_identity").stringValue(), root.get("qe_identity_signature").stringValue(),
                root.get("qe_identity_issuer_chain").stringValue(), pckCa, HexFormat.of().parseHex(pckCrlHex),
                root.get("pck_crl_issuer_chain").stringValue(),
                HexFormat.of().parseHex(root.get("root_ca_crl").stringValue())));
        return this;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request as "path?query", in arrival order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    long requestsTo(String path) {
        return requests.stream().filter(r -> r.startsWith(path)).count();
    }

    /** Makes every answer wait, to test read timeouts and concurrent misses. */
    void delay(Duration delay) {
        this.delay = delay;
    }

    /** Encodes issuer chains with '+' for spaces (form encoding) instead of Intel's %20. */
    void useFormEncoding() {
        this.formEncoding = true;
    }

    void omitChainHeaders() {
        this.omitChainHeaders = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(query == null ? path : path + "?" + query);
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            Map<String, String> params = params(query);
            if (path.matches("/(sgx|tdx)/certification/v4/tcb")) {
                String tee = path.substring(1, 4);
                Served s = find(tee, params.get("fmspc"));
                if (s == null) {
                    send(exchange, 404, new byte[0]);
                    return;
                }
                chain(exchange, "TCB-Info-Issuer-Chain", s.tcbChain());
                send(exchange, 200, ("{\"tcbInfo\":" + s.tcbInfo() + ",\"signature\":\"" + s.tcbSignature() + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            } else if (path.matches("/(sgx|tdx)/certification/v4/qe/identity")) {
                Served s = served.stream().filter(x -> x.tee().equals(path.substring(1, 4))).findFirst().orElse(null);
                if (s == null) {
                    send(exchange, 404, new byte[0]);
                    return;
                }
                chain(exchange, "SGX-Enclave-Identity-Issuer-Chain", s.qeChain());
                send(exchange, 200, ("{\"enclaveIdentity\":" + s.qeIdentity() + ",\"signature\":\""
                        + s.qeSignature() + "\"}").getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/sgx/certification/v4/pckcrl") && "der".equals(params.get("encoding"))) {
                Served s = served.stream().filter(x -> x.pckCa().equals(params.get("ca"))).findFirst().orElse(null);
                if (s == null) {
                    send(exchange, 404, new byte[0]);
                    return;
                }
                chain(exchange, "SGX-PCK-CRL-Issuer-Chain", s.pckCrlChain());
                send(exchange, 200, s.pckCrl());
            } else if (path.equals("/sgx/certification/v4/rootcacrl") && !served.isEmpty()) {
                send(exchange, 200, served.getFirst().rootCrl());
            } else {
                send(exchange, 404, new byte[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout tests); nothing to answer
        }
    }

    private Served find(String tee, String fmspc) {
        return served.stream()
                .filter(s -> s.tee().equals(tee) && fmspc != null && s.fmspc().equals(fmspc))
                .findFirst().orElse(null);
    }

    private void chain(HttpExchange exchange, String header, String pem) {
        if (omitChainHeaders) {
            return;
        }
        String encoded = URLEncoder.encode(pem, StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add(header, formEncoding ? encoded : encoded.replace("+", "%20"));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
