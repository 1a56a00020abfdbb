package org.jwtauth.auth.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what the HTTP layer accepts ({@code auth.http.*}).
 *
 * @param maxBodySize the largest request body accepted; larger ones get 413 before they are read.
 *                    The JSON bodies of this API are well under 1 KiB.
 */
@ConfigurationProperties("auth.http")
public record HttpLimitsProperties(@DefaultValue("16KB") DataSize maxBodySize) {

    /** Bodies are buffered in memory when their length is not declared, so keep far below 2 GiB. */
    static final DataSize UPPER_BOUND = DataSize.ofMegabytes(64);

    public HttpLimitsProperties {
        if (maxBodySize == null || maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("auth.http.max-body-size must be positive");
        }
        if (maxBodySize.compareTo(UPPER_BOUND) > 0) {
            throw new IllegalArgumentException("auth.http.max-body-size must be at most " + UPPER_BOUND.toMegabytes() + "MB");
        }
    }
}
