package org.jwtauth.auth.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The filter refuses oversized bodies having read at most one byte past the limit, and none when the length is declared. */
class RequestBodyLimitFilterTest {

    static final int LIMIT = 16 * 1024;
    final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(LIMIT);

    /** A POST whose body comes from an endless counting stream, with the length declared or not (chunked). */
    static final class EndlessBodyRequest extends HttpServletRequestWrapper {
        final AtomicLong read = new AtomicLong();
        final long declaredLength;
        final long available;

        EndlessBodyRequest(long declaredLength, long available, boolean chunked) {
            super(request(chunked));
            this.declaredLength = declaredLength;
            this.available = available;
        }

        private static HttpServletRequest request(boolean chunked) {
            MockHttpServletRequest r = new MockHttpServletRequest("POST", "/auth/login");
            r.setContentType("application/json");
            if (chunked) {
                r.addHeader("Transfer-Encoding", "chunked");
            }
            return r;
        }

        @Override
        public long getContentLengthLong() {
            return declaredLength;
        }

        @Override
        public int getContentLength() {
            return (int) Math.min(declaredLength, Integer.MAX_VALUE);
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public int read() {
                    if (read.get() >= available) {
                        return -1;
                    }
                    read.incrementAndGet();
                    return '{';
                }

                @Override
                public boolean isFinished() {
                    return read.get() >= available;
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

    @Test
    void declaredOversizedBodyIsRefusedWithoutReadingIt() throws Exception {
        EndlessBodyRequest request = new EndlessBodyRequest(1L << 40, Long.MAX_VALUE, false);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).isEqualTo(RequestBodyLimitFilter.TOO_LARGE);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(request.read.get()).as("bytes read").isZero();
        assertThat(chain.getRequest()).as("the application never saw the request").isNull();
    }

    @Test
    void chunkedOversizedBodyIsReadOnlyUpToTheLimit() throws Exception {
        EndlessBodyRequest request = new EndlessBodyRequest(-1, Long.MAX_VALUE, true);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).isEqualTo(RequestBodyLimitFilter.TOO_LARGE);
        assertThat(request.read.get()).as("bytes read of an endless body").isEqualTo(LIMIT + 1);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void chunkedBodyWithinTheLimitReachesTheApplicationIntact() throws Exception {
        String json = "{\"username\":\"alice\",\"password\":\"pässword\"}";
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/login") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.addHeader("Transfer-Encoding", "chunked");
        request.setCharacterEncoding("UTF-8");
        request.setContent(json.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
        assertThat(passed).isNotNull();
        assertThat(new String(passed.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(passed.getReader().readLine()).isEqualTo(json);
        assertThat(passed.getContentLengthLong()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void exactlyTheLimitPasses() throws Exception {
        EndlessBodyRequest request = new EndlessBodyRequest(-1, LIMIT, true);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(((HttpServletRequest) chain.getRequest()).getInputStream().readAllBytes()).hasSize(LIMIT);
    }

    @Test
    void declaredLengthWithinTheLimitIsLeftToTheContainer() throws Exception {
        EndlessBodyRequest request = new EndlessBodyRequest(LIMIT, LIMIT, false);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(request.read.get()).isZero();
    }

    @Test
    void requestsWithoutABodyAreNotTouched() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/.well-known/jwks.json") {
            @Override
            public ServletInputStream getInputStream() {
                throw new AssertionError("a GET without a body must not be read");
            }
        };
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void aBrokenBodyIsA400NotA500() throws Exception {
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/auth/login");
        chunked.addHeader("Transfer-Encoding", "chunked");
        HttpServletRequest request = new HttpServletRequestWrapper(chunked) {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public ServletInputStream getInputStream() throws IOException {
                throw new IOException("Invalid chunk header");
            }
        };
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).isEqualTo(RequestBodyLimitFilter.UNREADABLE).doesNotContain("chunk");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void theLimitMustBeSensible() {
        assertThatThrownBy(() -> new RequestBodyLimitFilter(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestBodyLimitFilter(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestBodyLimitFilter(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertiesDefaultTo16KiBAndRefuseNonsense() {
        assertThat(bind(Map.of()).maxBodySize()).isEqualTo(DataSize.ofKilobytes(16));
        assertThat(bind(Map.of()).maxBodySize().toBytes()).isEqualTo(16384);
        assertThat(bind(Map.of("auth.http.max-body-size", "64KB")).maxBodySize().toBytes()).isEqualTo(65536);
        assertThat(bind(Map.of("auth.http.max-body-size", "2048")).maxBodySize().toBytes()).isEqualTo(2048);
        assertThatThrownBy(() -> bind(Map.of("auth.http.max-body-size", "0"))).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bind(Map.of("auth.http.max-body-size", "-1KB"))).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bind(Map.of("auth.http.max-body-size", "1GB"))).hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    private static HttpLimitsProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("auth.http", Bindable.of(HttpLimitsProperties.class));
    }
}
