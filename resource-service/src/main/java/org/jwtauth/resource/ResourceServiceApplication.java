package org.jwtauth.resource;

import org.jwtauth.lifecycle.SigtermExit;
import org.jwtauth.web.JsonErrorConfiguration;
import org.jwtauth.web.WebSecurityDefaults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Protected API that validates the auth server's access tokens offline, against its public keys. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({JsonErrorConfiguration.class, WebSecurityDefaults.class})
public class ResourceServiceApplication {

    public static void main(String[] args) {
        SigtermExit.install();
        SpringApplication.run(ResourceServiceApplication.class, args);
    }
}
