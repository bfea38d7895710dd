package dev.arca.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as the case says: java.net.http refuses to send most of what a bad-input
 * suite needs (unknown verbs, {@code CONNECT}, an {@code HTTP/2.0} request line, {@code Transfer-Encoding}, control
 * characters in a header value, a raw backslash or {@code %ZZ} in the path). One connection per request
 * ({@code Connection: close}), so every answer ends at end of stream.
 */
final class RawHttp {

    /** An answer: status, headers (lower-case names, last value wins) and the body, de-chunked. */
    record Answer(int status, Map<String, String> headers, String body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and {@code body} to the
     * host and port of {@code base}. {@code Host}, {@code Connection: close} and, when {@code contentLength}, a
     * {@code Content-Length} of {@code body} are added.
     */
    static Answer exchange(String base, String head, byte[] body, boolean contentLength) throws IOException {
        try {
            return once(base, head, body, contentLength);
        } catch (SocketException resetBeforeTheAnswerWasRead) {
            // a refusal sent while the request was still being written can be lost to the reset that the rest of
            // the request provokes; bad input changes nothing, so asking again is safe
            return once(base, head, body, contentLength);
        }
    }

    private static Answer once(String base, String head, byte[] body, boolean contentLength) throws IOException {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder(head).append("\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            if (contentLength) {
                request.append("Content-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            try {
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException refusedEarly) {
                // the server may answer and close before reading all of a request it refuses (a bad request line or
                // header, an oversized body): whatever it answered is still to be read; no answer fails in read()
            }
            return read(socket.getInputStream(), head.startsWith("HEAD "));
        }
    }

    private static Answer read(InputStream in, boolean noBody) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("no HTTP/1.x status line, got: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body;
        if (noBody || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                return body.toByteArray();
            }
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
        }
    }

    /** One CRLF-terminated line, or null at end of stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
