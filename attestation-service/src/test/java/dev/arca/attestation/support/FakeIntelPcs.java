package dev.arca.attestation.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A FAKE of Intel's Provisioning Certification Service (unreachable from this machine, and its collateral of today
 * would not fit the corpus's quotes): a JDK HTTP server on a random loopback port serving captured dcap-qvl bundles
 * (Phala dcap-qvl test data) at the paths of Intel PCS API v4 — TCB Info and QE Identity as PCS response
 * bodies with URL-encoded issuer-chain headers, the PCK CRL in DER with its chain header, and the Root CA CRL at the
 * PCCS path. Unknown platforms get 404. It records every request so tests can see what was fetched.
 */
public final class FakeIntelPcs implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Platform(String tee, String fmspc, JsonNode bundle) {

        String text(String field) {
            return bundle.path(field).asString();
        }
    }

    private final HttpServer server;
    private final List<Platform> platforms = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakeIntelPcs(HttpServer server) {
        this.server = server;
    }

    public static FakeIntelPcs start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeIntelPcs pcs = new FakeIntelPcs(server);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", pcs::handle);
            server.start();
            return pcs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the collateral of a dcap-qvl bundle file for its TEE and FMSPC. */
    public FakeIntelPcs serve(Path bundleFile) {
        try {
            JsonNode bundle = JSON.readTree(Files.readString(bundleFile));
            JsonNode tcbInfo = JSON.readTree(bundle.path("tcb_info").asString());
            platforms.add(new Platform(tcbInfo.path("id").asString().toLowerCase(Locale.ROOT),
                    tcbInfo.path("fmspc").asString().toUpperCase(Locale.ROOT), bundle));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sgx/certification/v4/");
    }

    /** Every request so far, as "path?query". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            requests.add(query.isEmpty() ? path : path + "?" + query);
            String tee = path.length() > 4 ? path.substring(1, 4) : "";
            if (path.matches("/(sgx|tdx)/certification/v4/tcb")) {
                Platform platform = platforms.stream()
                        .filter(p -> p.tee().equals(tee) && query.contains("fmspc=" + p.fmspc()))
                        .findFirst().orElse(null);
                if (platform != null) {
                    chainHeader(exchange, "TCB-Info-Issuer-Chain", platform.text("tcb_info_issuer_chain"));
                    send(exchange, 200, "{\"tcbInfo\":" + platform.text("tcb_info") + ",\"signature\":\""
                            + platform.text("tcb_info_signature") + "\"}");
                    return;
                }
            } else if (path.matches("/(sgx|tdx)/certification/v4/qe/identity")) {
                Platform platform = platforms.stream().filter(p -> p.tee().equals(tee)).findFirst().orElse(null);
                if (platform != null) {
                    chainHeader(exchange, "SGX-Enclave-Identity-Issuer-Chain",
                            platform.text("qe_identity_issuer_chain"));
                    send(exchange, 200, "{\"enclaveIdentity\":" + platform.text("qe_identity") + ",\"signature\":\""
                            + platform.text("qe_identity_signature") + "\"}");
                    return;
                }
            } else if (path.equals("/sgx/certification/v4/pckcrl") && query.contains("encoding=der")) {
                Platform platform = platforms.stream()
                        .filter(p -> query.contains("ca=" + pckCa(p))).findFirst().orElse(null);
                if (platform != null) {
                    chainHeader(exchange, "SGX-PCK-CRL-Issuer-Chain", platform.text("pck_crl_issuer_chain"));
                    send(exchange, 200, HexFormat.of().parseHex(platform.text("pck_crl")));
                    return;
                }
            } else if (path.equals("/sgx/certification/v4/rootcacrl") && !platforms.isEmpty()) {
                send(exchange, 200, HexFormat.of().parseHex(platforms.getFirst().text("root_ca_crl")));
                return;
            }
            send(exchange, 404, new byte[0]);
        }
    }

    /** Which PCK CA issued the bundle's PCK CRL, from the CRL issuer's name in the DER. */
    private static String pckCa(Platform platform) {
        String der = new String(HexFormat.of().parseHex(platform.text("pck_crl")), StandardCharsets.ISO_8859_1);
        return der.contains("Processor CA") ? "processor" : "platform";
    }

    /** Intel percent-encodes the PEM chain (space as %20). */
    private static void chainHeader(HttpExchange exchange, String name, String pem) {
        exchange.getResponseHeaders().add(name, URLEncoder.encode(pem, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
