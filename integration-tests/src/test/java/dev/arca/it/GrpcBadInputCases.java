package dev.arca.it;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Bad input for the RVPS's gRPC listener (upstream's {@code reference.proto}): raw protobuf bytes, so malformed
 * messages can be sent at all, and the same credential misuse as over HTTP. The answer must be a typed status —
 * never {@code UNKNOWN} or {@code INTERNAL} — whose description names nothing internal.
 */
final class GrpcBadInputCases {

    static final String SERVICE = "reference.ReferenceValueProviderService/";

    record GrpcCase(String inputClass, String name, String method, byte[] message, String authorization,
            Set<Status.Code> expected) {

        @Override
        public String toString() {
            return "[" + inputClass + "] rvps gRPC " + method + ": " + name + " -> " + expected;
        }

        /** The status the listener answers (OK when it answers a message). */
        Status call(ManagedChannel channel) {
            Metadata headers = new Metadata();
            if (authorization != null) {
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
            }
            io.grpc.Channel intercepted = io.grpc.ClientInterceptors.intercept(channel,
                    MetadataUtils.newAttachHeadersInterceptor(headers));
            try {
                ClientCalls.blockingUnaryCall(intercepted, descriptor(method), CallOptions.DEFAULT
                        .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS), message);
                return Status.OK;
            } catch (StatusRuntimeException e) {
                return e.getStatus();
            }
        }
    }

    private GrpcBadInputCases() {
    }

    static List<GrpcCase> all(BadInputCases.Fixture f) throws Exception {
        List<GrpcCase> cases = new ArrayList<>();
        String admin = "Bearer " + f.admin();
        String caller = "Bearer " + f.asCaller();
        byte[] query = field1(utf8("sample"));
        byte[] register = field1(utf8("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"e30\"}"));
        Set<Status.Code> invalid = Set.of(Status.Code.INVALID_ARGUMENT);
        Set<Status.Code> unauthenticated = Set.of(Status.Code.UNAUTHENTICATED);
        Set<Status.Code> denied = Set.of(Status.Code.PERMISSION_DENIED);

        // malformed protobuf, to either method, with a credential that gets it to the parser
        List<Object[]> malformed = List.of(
                new Object[] {"not protobuf", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}},
                new Object[] {"truncated length", new byte[] {0x0a}},
                new Object[] {"length past the end", new byte[] {0x0a, 0x10, 0x41}},
                new Object[] {"truncated varint", new byte[] {0x08, (byte) 0x80, (byte) 0x80}},
                new Object[] {"invalid UTF-8 in a string", new byte[] {0x0a, 0x02, (byte) 0xff, (byte) 0xfe}},
                new Object[] {"field number 0", new byte[] {0x02, 0x00}},
                new Object[] {"end-group without start", new byte[] {0x0c}},
                new Object[] {"groups nested 1000 deep", nestedGroups(1000)});
        for (Object[] bad : malformed) {
            cases.add(new GrpcCase("malformed protobuf", (String) bad[0], "QueryReferenceValue", (byte[]) bad[1],
                    caller, invalid));
            cases.add(new GrpcCase("malformed protobuf", (String) bad[0], "RegisterReferenceValue", (byte[]) bad[1],
                    admin, invalid));
        }
        // malformed JSON inside a well-formed message
        for (String message : List.of("{", "not json", "[]", "null", "{\"type\":5,\"payload\":[]}",
                "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"@@@###\"}",
                "{\"version\":\"0.1.0\",\"type\":\"no-such-extractor\",\"payload\":\"e30\"}",
                "[".repeat(100_000), BadInputCases.NESTED_SAMPLE)) {
            cases.add(new GrpcCase("malformed JSON", abbreviate(message), "RegisterReferenceValue",
                    field1(utf8(message)), admin, invalid));
        }
        cases.add(new GrpcCase("oversized", "a 5 MB registration", "RegisterReferenceValue",
                field1(new byte[5 * 1024 * 1024]), admin, Set.of(Status.Code.RESOURCE_EXHAUSTED,
                        Status.Code.INVALID_ARGUMENT)));
        // credentials
        for (String method : List.of("QueryReferenceValue", "RegisterReferenceValue")) {
            byte[] message = method.startsWith("Query") ? query : register;
            cases.add(new GrpcCase("admin without credentials", "no authorization", method, message, null,
                    unauthenticated));
            cases.add(new GrpcCase("forged tokens", "Basic credentials", method, message, "Basic YWRtaW46YWRtaW4=",
                    unauthenticated));
            for (var forged : f.tokens().forgedAdmin().entrySet()) {
                cases.add(new GrpcCase("forged tokens", forged.getKey(), method, message,
                        "Bearer " + forged.getValue(), unauthenticated));
            }
            cases.add(new GrpcCase("forged tokens", "the guest's EAR token", method, message,
                    "Bearer " + f.earToken(), unauthenticated));
            cases.add(new GrpcCase("forged tokens", "the KBS's caller token (not a caller of the RVPS)", method,
                    message, "Bearer " + f.tokens().kbsCallerForTheRvps(), unauthenticated));
        }
        cases.add(new GrpcCase("admin with the wrong role", "role reader", "RegisterReferenceValue", register,
                "Bearer " + f.reader(), denied));
        cases.add(new GrpcCase("forged tokens", "the AS's caller token as admin", "RegisterReferenceValue", register,
                caller, denied));
        cases.add(new GrpcCase("method confusion", "an unknown method", "DeleteReferenceValue", query, admin,
                Set.of(Status.Code.UNIMPLEMENTED)));
        return cases;
    }

    static MethodDescriptor<byte[], byte[]> descriptor(String method) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(SERVICE + method)
                .setRequestMarshaller(RAW)
                .setResponseMarshaller(RAW)
                .build();
    }

    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** Field 1, length-delimited: the one string field of both request messages. */
    private static byte[] field1(byte[] value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x0a);
        int length = value.length;
        while ((length & ~0x7f) != 0) {
            out.write((length & 0x7f) | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** Field 2 start-group markers, {@code depth} deep, never closed. */
    private static byte[] nestedGroups(int depth) {
        byte[] groups = new byte[depth];
        Arrays.fill(groups, (byte) 0x13);
        return groups;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 20) + "… (" + text.length() + " chars)" : text;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
