package org.jwtauth.auth.client;

import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.error.ApiException;
import org.jwtauth.auth.throttle.ClientThrottle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAuthenticatorTest {

    private static final String ODD_ID = "odd client:1";
    private static final String ODD_SECRET = "odd+secret:ü/=";
    /** BCrypt cost 4 hashes of ODD_SECRET and of "no-ops-secret". */
    private static final String ODD_HASH = "{bcrypt}$2a$04$Ddg4DOvoNAgzEjF5Riz2tukiRfVgKHFsqlfLrJwTigKlxP.gkeeRm";
    private static final String NO_OPS_HASH = "{bcrypt}$2a$04$IdKH91OxTAfrrfmgtyGUJuubg9NmlvFIF8V131Rka0f4UrJmF/V/G";

    private final CountingEncoder encoder = new CountingEncoder();
    private final ClientAuthenticator authenticator = new ClientAuthenticator(new ClientProperties(List.of(
            new ClientProperties.Client(ODD_ID, ODD_HASH, Set.of(ClientOperation.INTROSPECT)),
            new ClientProperties.Client("no-ops", NO_OPS_HASH, Set.of()))), encoder, new AuditLog(), unthrottled());

    /** The throttle switched off (its store is never touched then); ClientThrottleTest tests it over HTTP. */
    private static ClientThrottle unthrottled() {
        AuthProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("auth.client-throttle.enabled", "false")))
                .bindOrCreate("auth", AuthProperties.class);
        return new ClientThrottle(null, properties, Clock.systemUTC(), new AuditLog());
    }

    @Test
    void basicCredentialsAreFormUrlDecodedAsRfc6749Requires() {
        AuthenticatedClient client = authenticator.authenticate(basic(enc(ODD_ID) + ":" + enc(ODD_SECRET)), Map.of(),
                ClientOperation.INTROSPECT);
        assertThat(client.clientId()).isEqualTo(ODD_ID);

        // not encoded: "+" decodes to a space, so the secret no longer matches
        assertThatThrownBy(() -> authenticator.authenticate(basic(enc(ODD_ID) + ":" + ODD_SECRET), Map.of(),
                ClientOperation.INTROSPECT)).isInstanceOf(InvalidClientException.class);
        // broken percent-encoding is invalid_client, not a 500
        assertThatThrownBy(() -> authenticator.authenticate(basic("odd%zz:" + enc(ODD_SECRET)), Map.of(),
                ClientOperation.INTROSPECT)).isInstanceOf(InvalidClientException.class);
    }

    @Test
    void clientSecretPostTakesThePlainFormValues() {
        assertThat(authenticator.authenticate(new MockHttpServletRequest(), Map.of("client_id", ODD_ID, "client_secret", ODD_SECRET),
                ClientOperation.INTROSPECT).clientId()).isEqualTo(ODD_ID);
    }

    @Test
    void unknownClientWrongSecretAndOverlongSecretEachCostOneBcryptComparisonOfTheSameCost() {
        for (MockHttpServletRequest request : List.of(
                basic("nobody:" + enc(ODD_SECRET)),
                basic(enc(ODD_ID) + ":wrong"),
                basic("nobody:" + "x".repeat(100)),
                basic(enc(ODD_ID) + ":" + "x".repeat(100)))) {
            encoder.hashesCompared.clear();
            assertThatThrownBy(() -> authenticator.authenticate(request, Map.of(), ClientOperation.INTROSPECT))
                    .isInstanceOf(InvalidClientException.class).hasMessage(ClientAuthenticator.FAILURE);
            assertThat(encoder.hashesCompared).hasSize(1);
            assertThat(encoder.hashesCompared.get(0)).as("a real BCrypt hash of the clients' cost").startsWith("{bcrypt}$2a$04$");
        }
    }

    @Test
    void aClientMayOnlyDoItsOperations() {
        assertThatThrownBy(() -> authenticator.authenticate(basic("no-ops:no-ops-secret"), Map.of(), ClientOperation.INTROSPECT))
                .isInstanceOf(InvalidClientException.class).hasMessageContaining("introspect");
        assertThatThrownBy(() -> authenticator.authenticate(basic(enc(ODD_ID) + ":" + enc(ODD_SECRET)), Map.of(),
                ClientOperation.REVOCATION_FEED)).isInstanceOf(InvalidClientException.class).hasMessageContaining("revocation-feed");
    }

    @Test
    void publicClientsAndRegisteredClientsWithoutSecret() {
        assertThat(authenticator.authenticateIfPresent(new MockHttpServletRequest(), Map.of())).isEmpty();
        assertThat(authenticator.authenticateIfPresent(new MockHttpServletRequest(), Map.of("client_id", "some-app"))).isEmpty();
        assertThatThrownBy(() -> authenticator.authenticateIfPresent(new MockHttpServletRequest(), Map.of("client_id", "no-ops")))
                .isInstanceOf(InvalidClientException.class);
        MockHttpServletRequest bearer = new MockHttpServletRequest();
        bearer.addHeader("Authorization", "Bearer abc");
        assertThat(authenticator.authenticateIfPresent(bearer, Map.of())).isEmpty();
    }

    @Test
    void twoAuthorizationHeadersAreInvalidRequest() {
        MockHttpServletRequest request = basic("no-ops:no-ops-secret");
        request.addHeader("Authorization", "Basic eDp5");
        assertThatThrownBy(() -> authenticator.authenticateIfPresent(request, Map.of()))
                .isInstanceOf(ApiException.class).isNotInstanceOf(InvalidClientException.class);
    }

    @Test
    void configurationRefusesPlainTextSecretsAndDuplicateIds() {
        var client = new ClientProperties.Client("a", ODD_HASH, Set.of());
        assertThatThrownBy(() -> new ClientProperties(List.of(client, client))).hasMessageContaining("twice");
        var violations = jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator()
                .validate(new ClientProperties.Client("a", "{noop}secret", Set.of()));
        assertThat(violations).extracting(v -> v.getPropertyPath().toString()).containsExactly("clientSecretHash");
    }

    private static MockHttpServletRequest basic(String idColonSecret) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(idColonSecret.getBytes(StandardCharsets.UTF_8)));
        return request;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder delegate = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)));
        final List<String> hashesCompared = new ArrayList<>();

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String hash) {
            hashesCompared.add(hash);
            return delegate.matches(raw, hash);
        }
    }
}
