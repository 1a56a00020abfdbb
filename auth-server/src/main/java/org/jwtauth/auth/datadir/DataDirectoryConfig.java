package org.jwtauth.auth.datadir;

import org.jwtauth.auth.config.AuthProperties;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The data directory is made private before anything opens it: the datasource waits for it. */
@Configuration(proxyBeanMethods = false)
class DataDirectoryConfig {

    @Bean
    DataDirectory dataDirectory(AuthProperties properties) {
        return new DataDirectory(properties.dataDir());
    }

    @Bean
    static AbstractDependsOnBeanFactoryPostProcessor dataSourceDependsOnDataDirectory() {
        return new AbstractDependsOnBeanFactoryPostProcessor(DataSource.class, "dataDirectory") {
        };
    }
}
