package org.jwtauth.auth.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For any limit, body size and framing (declared length or chunked), the filter hands on exactly the
 * bodies within the limit, byte for byte, refuses the others with 413, and never reads more than one
 * byte past the limit.
 */
class RequestBodyLimitFilterPropertyTest {

    @Property(tries = 500)
    void onlyBodiesWithinTheLimitPassAndTheyPassIntact(@ForAll @IntRange(min = 1, max = 64 * 1024) int limit,
                                                       @ForAll @IntRange(min = 0, max = 3 * 64 * 1024) int size,
                                                       @ForAll boolean chunked,
                                                       @ForAll long seed) throws Exception {
        byte[] body = new byte[size];
        new Random(seed).nextBytes(body);
        CountingRequest request = new CountingRequest(body, chunked);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        new RequestBodyLimitFilter(limit).doFilter(request, response, chain);
        long readByTheFilter = request.read;

        if (size <= limit) {
            assertThat(chain.getRequest()).as("passed on").isNotNull();
            byte[] seen = ((HttpServletRequest) chain.getRequest()).getInputStream().readAllBytes();
            assertThat(Arrays.equals(seen, body)).as("the body arrives intact").isTrue();
            assertThat(response.getStatus()).isEqualTo(200);
        } else {
            assertThat(chain.getRequest()).as("never reaches the application").isNull();
            assertThat(response.getStatus()).isEqualTo(413);
            assertThat(response.getContentAsString()).isEqualTo(RequestBodyLimitFilter.TOO_LARGE);
        }
        assertThat(readByTheFilter).as("bytes read by the filter").isLessThanOrEqualTo(chunked ? limit + 1L : 0L);
        Statistics.label("outcome").collect(size <= limit ? "passed" : "413", chunked ? "chunked" : "declared");
    }

    /** A POST whose body stream counts the bytes read from it. */
    static final class CountingRequest extends MockHttpServletRequest {
        private final boolean chunked;
        private final ByteArrayInputStream source;
        private final int size;
        long read;

        CountingRequest(byte[] body, boolean chunked) {
            super("POST", "/auth/login");
            this.chunked = chunked;
            this.size = body.length;
            this.source = new ByteArrayInputStream(body);
            setContentType("application/json");
            if (chunked) {
                addHeader("Transfer-Encoding", "chunked");
            }
        }

        @Override
        public long getContentLengthLong() {
            return chunked ? -1 : size;
        }

        @Override
        public int getContentLength() {
            return chunked ? -1 : size;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public int read() {
                    int b = source.read();
                    if (b >= 0) {
                        CountingRequest.this.read++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    int n = source.read(b, off, len);
                    if (n > 0) {
                        CountingRequest.this.read += n;
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return source.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
