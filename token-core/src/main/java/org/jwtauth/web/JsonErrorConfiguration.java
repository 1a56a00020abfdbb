package org.jwtauth.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Every error answer is JSON without internals: {@link JsonErrorController} for errors that reach
 * Spring, and {@link JsonErrorReportValve} in place of Tomcat's HTML page for those that don't.
 * Both services {@code @Import} this.
 */
@Configuration(proxyBeanMethods = false)
@Import(JsonErrorController.class)
public class JsonErrorConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            // Boot adds a plain ErrorReportValve for server.error.include-stacktrace=never; drop it.
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            // The host adds its errorReportValveClass at start unless a valve of exactly that class is present.
            if (host instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
            host.getPipeline().addValve(new JsonErrorReportValve());
        });
    }

    /** After Boot's own Tomcat customizer, so that its context customizer has run when ours does. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
