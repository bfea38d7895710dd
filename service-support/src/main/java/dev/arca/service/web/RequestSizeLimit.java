package dev.arca.service.web;

import dev.arca.service.problem.ProblemKind;
import dev.arca.service.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies at one service-wide limit: a declared larger {@code Content-Length} is refused with a
 * problem+json 413 before anything reads the body, and a body without one (chunked, or a lying length) fails with
 * {@link PayloadTooLargeException} as soon as it passes the limit while being read — the service's exception
 * handling answers that 413 too. Nothing ever buffers more than the limit.
 */
public final class RequestSizeLimit extends OncePerRequestFilter {

    private final long limit;
    private final ProblemWriter problems;

    public RequestSizeLimit(long limit, ProblemWriter problems) {
        if (limit <= 0) {
            throw new IllegalArgumentException("a request size limit must be positive");
        }
        this.limit = limit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            problems.write(response, ProblemKind.PAYLOAD_TOO_LARGE, "the request body of "
                    + request.getContentLengthLong() + " bytes exceeds the limit of " + limit + " bytes");
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    /** A body that turned out longer than the limit while it was read. */
    public static final class PayloadTooLargeException extends IOException {

        public PayloadTooLargeException(long limit) {
            super("the request body exceeds the limit of " + limit + " bytes");
        }

        /** The exception among {@code failure}'s causes, if a body was cut off at the limit. */
        public static PayloadTooLargeException in(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof PayloadTooLargeException tooLarge) {
                    return tooLarge;
                }
            }
            return null;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        LimitedInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws PayloadTooLargeException {
            count += n;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
