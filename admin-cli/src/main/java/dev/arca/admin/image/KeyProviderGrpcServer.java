package dev.arca.admin.image;

import com.google.protobuf.ByteString;
import dev.arca.admin.image.grpc.KeyProviderServiceGrpc;
import dev.arca.admin.image.grpc.keyProviderKeyWrapProtocolInput;
import dev.arca.admin.image.grpc.keyProviderKeyWrapProtocolOutput;
import dev.arca.model.image.KeyProviderException;
import dev.arca.model.image.KeyProviderInput;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The encryption key provider in ocicrypt's gRPC mode ({@code keyprovider.KeyProviderService}, as upstream's
 * coco_keyprovider serves it; ocicrypt's config {@code {"key-providers": {"attestation-agent": {"grpc":
 * "HOST:PORT"}}}}). {@code WrapKey} answers as {@link EncryptionKeyProvider#handle}; {@code UnWrapKey} is
 * {@code UNIMPLEMENTED}, as upstream's. A bad request is {@code INVALID_ARGUMENT} with the reason.
 */
public final class KeyProviderGrpcServer implements AutoCloseable {

    /** Inputs are a few hundred bytes; anything near this is not a key-provider message. */
    private static final int MAX_MESSAGE = KeyProviderInput.MAX_BYTES + 1024;

    private final Server server;

    private KeyProviderGrpcServer(Server server) {
        this.server = server;
    }

    public static KeyProviderGrpcServer start(InetSocketAddress address, EncryptionKeyProvider provider)
            throws IOException {
        Server server = NettyServerBuilder.forAddress(address)
                .maxInboundMessageSize(MAX_MESSAGE)
                .addService(new Service(provider))
                .build()
                .start();
        return new KeyProviderGrpcServer(server);
    }

    public int port() {
        return server.getPort();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static final class Service extends KeyProviderServiceGrpc.KeyProviderServiceImplBase {

        private final EncryptionKeyProvider provider;

        Service(EncryptionKeyProvider provider) {
            this.provider = provider;
        }

        @Override
        public void wrapKey(keyProviderKeyWrapProtocolInput request,
                StreamObserver<keyProviderKeyWrapProtocolOutput> response) {
            try {
                byte[] output = provider.handle(request.getKeyProviderKeyWrapProtocolInput().toByteArray());
                response.onNext(keyProviderKeyWrapProtocolOutput.newBuilder()
                        .setKeyProviderKeyWrapProtocolOutput(ByteString.copyFrom(output)).build());
                response.onCompleted();
            } catch (KeyProviderException e) {
                response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }

        @Override
        public void unWrapKey(keyProviderKeyWrapProtocolInput request,
                StreamObserver<keyProviderKeyWrapProtocolOutput> response) {
            response.onError(Status.UNIMPLEMENTED.withDescription("UnWrapKey is the guest's: run the attestation "
                    + "agent's keyprovider in the TEE (this is the tenant's encryption key provider)")
                    .asRuntimeException());
        }
    }
}
