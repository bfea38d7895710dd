package dev.arca.rvps;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import dev.arca.rvps.grpc.proto.ReferenceValueProviderServiceGrpc;
import dev.arca.rvps.grpc.proto.ReferenceValueQueryRequest;
import dev.arca.rvps.grpc.proto.ReferenceValueQueryResponse;
import dev.arca.rvps.grpc.proto.ReferenceValueRegisterRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/** A real gRPC client (plaintext HTTP/2 over loopback) of reference.ReferenceValueProviderService. */
public final class GrpcClient implements AutoCloseable {

    private final ManagedChannel channel;
    private final ReferenceValueProviderServiceGrpc.ReferenceValueProviderServiceBlockingStub stub;

    GrpcClient(int port, String token) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        var blocking = ReferenceValueProviderServiceGrpc.newBlockingStub(channel);
        if (token != null) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            blocking = blocking.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        stub = blocking;
    }

    public void register(String messageJson) {
        stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                .registerReferenceValue(ReferenceValueRegisterRequest.newBuilder().setMessage(messageJson).build());
    }

    public ReferenceValueQueryResponse query(String id) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                .queryReferenceValue(ReferenceValueQueryRequest.newBuilder().setReferenceValueId(id).build());
    }

    /** The standard grpc.health.v1 check of {@code service} ("" for the server as a whole), without credentials. */
    public HealthCheckResponse.ServingStatus health(String service) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
