package org.jwtauth.auth.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Refuses request bodies larger than the limit with 413 and an RFC 6749 style JSON body, without
 * reading them: a declared {@code Content-Length} above the limit is refused up front, and a body of
 * undeclared length (chunked) is read into memory only up to one byte past the limit, then refused or
 * handed on from that buffer. So neither Jackson nor anything else ever sees more than the limit.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final String TOO_LARGE = "{\"error\":\"invalid_request\",\"error_description\":\"The request body is too large\"}";
    static final String UNREADABLE = "{\"error\":\"invalid_request\",\"error_description\":\"The request body could not be read\"}";

    /** Methods whose requests carry no body unless a Transfer-Encoding says so. */
    private static final Set<String> BODILESS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final long maxBytes;

    public RequestBodyLimitFilter(long maxBytes) {
        if (maxBytes <= 0 || maxBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the body limit must be positive and below 2 GiB");
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE);
            return;
        }
        if (declared < 0 && mayHaveBody(request)) {
            byte[] body;
            try {
                body = readAtMost(request.getInputStream(), maxBytes + 1);
            } catch (IOException e) {
                // A broken chunked encoding or a client that went away: nothing sensible can follow.
                reject(response, HttpServletResponse.SC_BAD_REQUEST, UNREADABLE);
                return;
            }
            if (body.length > maxBytes) {
                reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        // A declared length within the limit: the container delivers exactly that many bytes.
        chain.doFilter(request, response);
    }

    private static boolean mayHaveBody(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || !BODILESS.contains(request.getMethod());
    }

    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long remaining = limit;
        while (remaining > 0) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, remaining));
            if (n < 0) {
                break;
            }
            out.write(chunk, 0, n);
            remaining -= n;
        }
        return out.toByteArray();
    }

    private static void reject(HttpServletResponse response, int status, String json) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        // Like every error of the token endpoints (RFC 6749 section 5.1): not to be cached.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        // The unread rest of the body makes the connection unusable for another request.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    /** The request with its body already read into memory (at most the limit). */
    static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has been read already; non-blocking reads are not supported");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset(getCharacterEncoding())));
        }

        private static Charset charset(String encoding) {
            try {
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException unknownOrIllegal) {
                return StandardCharsets.UTF_8; // JSON's own default (RFC 8259)
            }
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
