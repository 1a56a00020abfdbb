package org.jwtauth.auth;

import org.jwtauth.lifecycle.SigtermExit;
import org.jwtauth.web.JsonErrorConfiguration;
import org.jwtauth.web.WebSecurityDefaults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import({JsonErrorConfiguration.class, WebSecurityDefaults.class})
public class AuthServerApplication {

    public static void main(String[] args) {
        SigtermExit.install();
        SpringApplication.run(AuthServerApplication.class, args);
    }
}
