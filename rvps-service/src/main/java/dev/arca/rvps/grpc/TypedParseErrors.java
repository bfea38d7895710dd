package dev.arca.rvps.grpc;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request that is not a valid protobuf message answered {@code INVALID_ARGUMENT}. grpc-java turns an exception of the
 * request marshaller into {@code UNKNOWN} ("Application error processing RPC") and logs a stack trace; here the
 * marshaller reports a parse failure as a null message instead, and the call is closed with the client's mistake
 * before any service code runs.
 */
final class TypedParseErrors {

    private static final Logger log = LoggerFactory.getLogger(TypedParseErrors.class);
    static final String DESCRIPTION = "the request is not a valid protobuf message of this method";

    private TypedParseErrors() {
    }

    static ServerServiceDefinition apply(ServerServiceDefinition service) {
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(service.getServiceDescriptor()
                .getName());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            builder.addMethod(typed(method));
        }
        return builder.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> typed(ServerMethodDefinition<Q, R> definition) {
        MethodDescriptor<Q, R> descriptor = definition.getMethodDescriptor();
        MethodDescriptor.Marshaller<Q> strict = descriptor.getRequestMarshaller();
        MethodDescriptor.Marshaller<Q> lenient = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(Q value) {
                return strict.stream(value);
            }

            @Override
            public Q parse(InputStream stream) {
                try {
                    return strict.parse(stream);
                } catch (RuntimeException e) {
                    log.info("gRPC {}: malformed request: {}", descriptor.getFullMethodName(), e.getMessage());
                    return null;
                }
            }
        };
        ServerCallHandler<Q, R> next = definition.getServerCallHandler();
        ServerCallHandler<Q, R> handler = (call, headers) -> {
            ServerCall.Listener<Q> delegate = next.startCall(call, headers);
            return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
                private boolean closed;

                @Override
                public void onMessage(Q message) {
                    if (message == null) {
                        closed = true;
                        call.close(Status.INVALID_ARGUMENT.withDescription(DESCRIPTION), new Metadata());
                        return;
                    }
                    super.onMessage(message);
                }

                @Override
                public void onHalfClose() {
                    if (!closed) {
                        super.onHalfClose();
                    }
                }
            };
        };
        return ServerMethodDefinition.create(descriptor.toBuilder().setRequestMarshaller(lenient).build(), handler);
    }
}
