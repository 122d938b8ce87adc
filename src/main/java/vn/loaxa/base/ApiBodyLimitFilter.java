package vn.loaxa.base;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A JSON request to {@code /api} carries at most {@link Limits#JSON_BODY_BYTES}: larger is answered
 * {@code 413 TOO_LARGE} before anything reads it, so no request makes the station build a list of
 * 600,000 ids (decision 0017). A declared {@code Content-Length} over the limit is refused at once; a
 * chunked body is counted as it is read and the read fails at the limit. Multipart uploads (library,
 * schedule files) are not JSON and keep their own, larger limit. Before Spring Security, so a huge
 * body costs no password check either.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 5)
class ApiBodyLimitFilter extends OncePerRequestFilter {

    /** Thrown by the counting stream; the error handler finds it under the JSON reader's exception. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    /**
     * A body refused by its declared length is read and dropped up to this much, so the client, still
     * sending, reads the 413 instead of a reset connection; beyond it the connection is closed.
     */
    private static final long DRAIN_BYTES = 16L * 1024 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var type = request.getContentType();
        return !ApiErrors.isApi(request) || type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > Limits.JSON_BODY_BYTES) {
            if (declared <= DRAIN_BYTES) {
                request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } else {
                response.setHeader("Connection", "close");
            }
            ApiErrors.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "error.api.bodyTooLarge", "TOO_LARGE",
                    "JSON body of " + declared + " bytes; at most " + Limits.JSON_BODY_BYTES,
                    Limits.JSON_BODY_BYTES / 1024);
            return;
        }
        chain.doFilter(new Bounded(request, Limits.JSON_BODY_BYTES), response);
    }

    /** The request with its body counted as it is read. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private @org.jspecify.annotations.Nullable ServletInputStream in;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Counting(super.getInputStream(), limit);
            }
            return in;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            var encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
