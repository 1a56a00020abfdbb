package org.jwtauth.resource;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.jwtauth.token.AccessTokenValidator;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How this service recognises valid access tokens ({@code resource.*}).
 *
 * @param jwksUri                the auth server's JWK Set, used unless {@code publicKeyFile} is set
 * @param publicKeyFile          optional PEM public key to verify with instead of fetching the JWK Set
 * @param publicKeyAlgorithm     the JWS algorithm the PEM key is used with
 * @param issuer                 required {@code iss}
 * @param audience               required {@code aud} entry
 * @param clockSkew              tolerance for {@code exp}/{@code nbf}/{@code iat} between the two hosts' clocks
 * @param allowedAlgorithms      JWS algorithms accepted in token headers (asymmetric only)
 * @param jwksRefetchMinInterval at most one JWK Set fetch per interval, however many unknown kids arrive
 * @param jwksTimeout            overall deadline for one JWK Set fetch
 * @param tokenCacheSize         how many validated tokens to remember (0: verify every request afresh)
 * @param maxTokenLifetime       the longest {@code exp - iat} accepted; above the auth server's access-token
 *                               lifetime (10 minutes by default), so raise it too should that be raised beyond it
 */
@Validated
@ConfigurationProperties("resource")
public record ResourceProperties(
        @NotNull @DefaultValue("http://localhost:9000/.well-known/jwks.json") URI jwksUri,
        Path publicKeyFile,
        @NotBlank @DefaultValue("RS256") String publicKeyAlgorithm,
        @NotBlank @DefaultValue("http://localhost:9000") String issuer,
        @NotBlank @DefaultValue("resource-service") String audience,
        @NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 5) @DefaultValue("PT30S") Duration clockSkew,
        @NotEmpty @DefaultValue({"RS256", "ES256", "EdDSA"}) List<@NotBlank String> allowedAlgorithms,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT30S") Duration jwksRefetchMinInterval,
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 1) @DefaultValue("PT5S") Duration jwksTimeout,
        @Min(0) @Max(1_000_000) @DefaultValue("10000") int tokenCacheSize,
        @NotNull @DurationMin(seconds = 1) @DefaultValue(AccessTokenValidator.DEFAULT_MAX_LIFETIME_TEXT) Duration maxTokenLifetime) {

    /** An empty value (e.g. {@code RESOURCE_PUBLIC_KEY_FILE=}) means "not set", not "the working directory". */
    public boolean usesPublicKeyFile() {
        return publicKeyFile != null && !publicKeyFile.toString().isBlank();
    }
}
