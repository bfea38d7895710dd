package dev.arca.rvps.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Carries the call's {@code authorization} metadata ("Bearer &lt;JWT&gt;", the same credential as the REST API's
 * header) to the service methods, which decide per method whether an admin or a reader is needed.
 */
final class CallerAuthorization implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> HEADER = Context.key("arca-authorization");

    /** The current call's authorization metadata, or null. */
    static String current() {
        return HEADER.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        Context context = Context.current().withValue(HEADER, headers.get(AUTHORIZATION));
        return Contexts.interceptCall(context, call, headers, next);
    }
}
