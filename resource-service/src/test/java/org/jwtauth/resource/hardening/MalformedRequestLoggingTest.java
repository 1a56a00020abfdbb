package org.jwtauth.resource.hardening;

import org.jwtauth.resource.support.SharedJwksContext;
import org.jwtauth.token.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tomcat refuses a malformed request line or header line itself, and by default logs the first one a
 * connection handler sees at INFO, with the offending text: a bearer token. None may reach the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestLoggingTest extends SharedJwksContext {

    @LocalServerPort
    int port;

    @Test
    void aTokenInAMalformedRequestNeverReachesTheLog(CapturedOutput output) throws Exception {
        String canary = "eyJjYW5hcnkiOiJyZXNvdXJjZSJ9.canary-token-0123456789";
        for (String request : RawHttp.malformedRequestsCarrying(canary)) {
            assertThat(RawHttp.send(port, request)).as("%s", request).isIn("HTTP/1.1 400 ", "");
        }

        assertThat(output.getAll()).doesNotContain("canary-token");
        // Tomcat writes only the first such message of a connection handler at INFO (the rest at DEBUG),
        // and another test may have sent it already: the level itself is what keeps every one out.
        assertThat(LoggerFactory.getLogger("org.apache.coyote.http11.Http11Processor").isInfoEnabled()).isFalse();
    }
}
