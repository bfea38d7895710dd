package dev.arca.it;

import dev.arca.launcher.suite.ServiceKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the bad-input table: which class of bad input it belongs to, which service it is thrown at, the request
 * exactly as sent, and the answer expected — an exact 4xx status, or any 4xx ({@link #ANY_4XX}).
 */
record BadInputCase(String inputClass, ServiceKind service, String name, String head, byte[] body,
        boolean contentLength, int expected) {

    static final int ANY_4XX = 0;

    @Override
    public String toString() {
        return "[" + inputClass + "] " + service.module() + ": " + name
                + (expected == ANY_4XX ? " -> 4xx" : " -> " + expected);
    }

    /** A request under construction: request line first, then headers, then the body. */
    static final class Request {
        private final String method;
        private final String target;
        private String version = "HTTP/1.1";
        private final List<String> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private boolean contentLength = true;

        private Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        static Request of(String method, String target) {
            return new Request(method, target);
        }

        String method() {
            return method;
        }

        String target() {
            return target;
        }

        /** An independent copy, to send one request with different credentials. */
        Request copy() {
            Request copy = new Request(method, target);
            copy.version = version;
            copy.headers.addAll(headers);
            copy.body = body;
            copy.contentLength = contentLength;
            return copy;
        }

        Request version(String version) {
            this.version = version;
            return this;
        }

        Request header(String name, String value) {
            headers.add(name + ": " + value);
            return this;
        }

        Request bearer(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        Request json(String json) {
            return body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        Request body(String contentType, byte[] bytes) {
            if (contentType != null) {
                header("Content-Type", contentType);
            }
            this.body = bytes;
            return this;
        }

        /** The body as is, without a Content-Length (the headers must say how it ends, or it ends at close). */
        Request rawBody(byte[] bytes) {
            this.body = bytes;
            this.contentLength = false;
            return this;
        }

        BadInputCase expect(String inputClass, ServiceKind service, String name, int status) {
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(' ').append(version);
            headers.forEach(h -> head.append("\r\n").append(h));
            return new BadInputCase(inputClass, service, name, head.toString(), body, contentLength, status);
        }
    }
}
