package org.jwtauth.auth.http;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat answers {@code Expect: 100-continue} only when the application starts reading the body
 * (by default it does so at once). So a client announcing a body over the limit gets its 413 before
 * it has sent a single byte of it; {@link RequestBodyLimitFilter} never reads such a body.
 */
@Configuration(proxyBeanMethods = false)
class ExpectContinueConfig implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http11) {
                http11.setContinueResponseTiming("onRead");
            }
        });
    }
}
