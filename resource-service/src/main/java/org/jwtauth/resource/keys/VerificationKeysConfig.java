package org.jwtauth.resource.keys;

import org.jwtauth.resource.ResourceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Chooses where the verification keys come from: a configured PEM file, else the auth server's JWK Set. */
@Configuration(proxyBeanMethods = false)
public class VerificationKeysConfig {

    private static final Logger log = LoggerFactory.getLogger(VerificationKeysConfig.class);

    @Bean
    public InspectableKeySource verificationKeys(ResourceProperties properties, Clock clock) {
        if (properties.usesPublicKeyFile()) {
            PemKeySource pem = PemKeySource.load(properties.publicKeyFile(), properties.publicKeyAlgorithm());
            if (!properties.allowedAlgorithms().contains(properties.publicKeyAlgorithm())) {
                throw new IllegalStateException("resource.public-key-algorithm " + properties.publicKeyAlgorithm()
                        + " is not in resource.allowed-algorithms " + properties.allowedAlgorithms());
            }
            log.info("Verifying access tokens with the {} key from {} (kid {})",
                    properties.publicKeyAlgorithm(), properties.publicKeyFile().toAbsolutePath(), pem.kid());
            return pem;
        }
        JwksKeySource jwks = new JwksKeySource(properties.jwksUri(), properties.jwksTimeout(),
                properties.jwksRefetchMinInterval(), clock);
        jwks.loadInitialKeys();
        return jwks;
    }
}
