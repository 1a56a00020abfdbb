package org.jwtauth.auth.keys;

import org.jwtauth.auth.config.AuthProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The master key that encrypts the signing keys at rest: configured, or generated once for a single instance. */
@Configuration(proxyBeanMethods = false)
class SigningKeysConfig {

    @Bean
    MasterKey masterKey(KeysProperties keys, AuthProperties properties) {
        return MasterKey.resolve(keys, properties.dataDir().resolve("keys"));
    }
}
