package org.jwtauth.resource.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One JWK Set server and one application context shared by the test classes that do not change
 * the key set (the identical property source lets Spring's test context cache reuse the context).
 */
public abstract class SharedJwksContext extends ApiTestSupport {

    protected static final TestKey KEY = TestKey.generate();
    protected static final JwksTestServer JWKS = JwksTestServer.start(KEY);

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("resource.jwks-uri", () -> JWKS.uri().toString());
    }
}
