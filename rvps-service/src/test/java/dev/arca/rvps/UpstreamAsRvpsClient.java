package dev.arca.rvps;

import dev.arca.model.json.Json;
import dev.arca.rvps.grpc.proto.ReferenceValueProviderServiceGrpc;
import dev.arca.rvps.grpc.proto.ReferenceValueQueryRequest;
import dev.arca.rvps.grpc.proto.ReferenceValueQueryResponse;
import dev.arca.rvps.grpc.proto.ReferenceValueRegisterRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The RVPS client of an upstream Attestation Service configured with {@code rvps_config.type = "GrpcRemote"}, as its
 * source behaves (Trustee attestation-service/src/rvps/grpc.rs, protos/reference.proto): plaintext HTTP/2 to
 * {@code http://<address>}, no metadata on any call; every connection taken from its pool is first checked by querying
 * the id {@code __healthcheck__} (a failed check fails the call; at start it fails the AS);
 * {@code verify_and_extract} sends the RVPS message text, {@code query_reference_value} parses the optional result
 * as JSON.
 *
 * <p>The one addition is {@link #behindProxyAdding}: a proxy or sidecar in front of that AS which adds an
 * {@code authorization} header to every call (what an Envoy {@code request_headers_to_add} does).
 */
public final class UpstreamAsRvpsClient implements AutoCloseable {

    private static final String HEALTH_CHECK_KEY = "__healthcheck__";

    private final ManagedChannel channel;
    private final ReferenceValueProviderServiceGrpc.ReferenceValueProviderServiceBlockingStub stub;

    private UpstreamAsRvpsClient(int port, String authorization) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        var blocking = ReferenceValueProviderServiceGrpc.newBlockingStub(channel);
        if (authorization != null) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
            blocking = blocking.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        stub = blocking;
    }

    /** The AS's client as upstream builds it: no metadata. */
    public static UpstreamAsRvpsClient direct(int port) {
        return new UpstreamAsRvpsClient(port, null);
    }

    /** The same client behind a proxy that adds {@code authorization: <value>} to every call. */
    public static UpstreamAsRvpsClient behindProxyAdding(int port, String authorization) {
        return new UpstreamAsRvpsClient(port, authorization);
    }

    /** {@code Agent::new}: the pool's first checkout, which runs the health-check query. */
    public void connect() {
        checkOut();
    }

    /** {@code verify_and_extract(message)}: RegisterReferenceValue; the empty answer is ignored. */
    public void verifyAndExtract(String message) {
        checkOut().registerReferenceValue(ReferenceValueRegisterRequest.newBuilder().setMessage(message).build());
    }

    /** {@code query_reference_value(id)}: the result, parsed as JSON, or empty when the field is absent. */
    public Optional<JsonNode> queryReferenceValue(String id) {
        ReferenceValueQueryResponse response = checkOut().withDeadlineAfter(30, TimeUnit.SECONDS)
                .queryReferenceValue(ReferenceValueQueryRequest.newBuilder().setReferenceValueId(id).build());
        return response.hasReferenceValueResults()
                ? Optional.of(Json.tree(response.getReferenceValueResults())) : Optional.empty();
    }

    /**
     * {@code GrpcManager::check}: query {@code __healthcheck__}; any error status fails the checkout. Upstream allows
     * 1 s; the deadline here is longer, since this test asserts behaviour, not speed, on a loaded machine.
     */
    private ReferenceValueProviderServiceGrpc.ReferenceValueProviderServiceBlockingStub checkOut() {
        stub.withDeadlineAfter(10, TimeUnit.SECONDS).queryReferenceValue(
                ReferenceValueQueryRequest.newBuilder().setReferenceValueId(HEALTH_CHECK_KEY).build());
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
