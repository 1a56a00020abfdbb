package org.jwtauth.auth.keys;

import org.jwtauth.auth.datadir.DataDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The master key that encrypts the signing keys at rest: configured, or generated once for a single instance. */
@Configuration(proxyBeanMethods = false)
class SigningKeysConfig {

    /** Under the data directory, which is made private first. */
    @Bean
    MasterKey masterKey(KeysProperties keys, DataDirectory dataDir) {
        return MasterKey.resolve(keys, dataDir.path().resolve("keys"));
    }
}
