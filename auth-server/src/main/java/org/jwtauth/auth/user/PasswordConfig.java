package org.jwtauth.auth.user;

import org.jwtauth.auth.config.AuthProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Map;

@Configuration(proxyBeanMethods = false)
class PasswordConfig {

    /**
     * BCrypt with a configurable cost, behind Spring's {@code {id}} prefix so that hashes can move to
     * another algorithm later without a flag day.
     */
    @Bean
    PasswordEncoder passwordEncoder(AuthProperties properties) {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(properties.bcryptStrength())));
    }
}
