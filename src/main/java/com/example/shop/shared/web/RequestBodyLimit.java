package com.example.shop.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.shop.shared.ErrorType;

/**
 * Caps the size of every request body ({@code shop.web.max-request-body}, default 256KB): a declared
 * {@code Content-Length} over the cap is refused with 413 before anything reads it; a chunked body is
 * counted as it is read and fails with {@link TooLarge}, which the error handling turns into 413.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestBodyLimit extends OncePerRequestFilter {

    private static final ErrorType TOO_LARGE = new ErrorType("payload-too-large", "Request body too large", 413);

    private final long maxBytes;
    private final ProblemResponseWriter problems;

    public RequestBodyLimit(@Value("${shop.web.max-request-body:256KB}") DataSize max, ProblemResponseWriter problems) {
        this.maxBytes = max.toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            problems.write(response, tooLarge(maxBytes));
            return;
        }
        chain.doFilter(declared >= 0 || !mayHaveBody(request) ? request : new Limited(request, maxBytes), response);
    }

    /**
     * An HTTP/1.x request without {@code Content-Length} has a body only when it is chunked
     * ({@code Transfer-Encoding}); the others (nearly every GET) go on unwrapped: a wrapper costs every later
     * {@code getAttribute}/{@code getHeader} of the request a delegation. Other protocols are counted as before.
     */
    static boolean mayHaveBody(HttpServletRequest request) {
        String protocol = request.getProtocol();
        boolean http1 = "HTTP/1.1".equals(protocol) || "HTTP/1.0".equals(protocol);
        return !http1 || request.getHeader("Transfer-Encoding") != null;
    }

    public static org.springframework.http.ProblemDetail tooLarge(long maxBytes) {
        return Problems.of(TOO_LARGE, "The request body exceeds the limit of " + maxBytes + " bytes.");
    }

    /** Thrown while reading a body that turns out to be larger than the cap. */
    public static final class TooLarge extends IOException {
        private final long maxBytes;

        TooLarge(long maxBytes) {
            super("request body exceeds " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream delegate = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = delegate.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = delegate.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws TooLarge {
                        count += n;
                        if (count > maxBytes) {
                            throw new TooLarge(maxBytes);
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
                };
            }
            return stream;
        }
    }
}
