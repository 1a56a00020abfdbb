package org.jwtauth.auth.client;

import jakarta.servlet.http.HttpServletRequest;
import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.error.ApiException;
import org.jwtauth.auth.throttle.ClientThrottle;
import org.springframework.http.HttpHeaders;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Authenticates registered clients by {@code client_secret_basic} (RFC 6749 section 2.3.1: the id and
 * secret are form-url-encoded, then put into HTTP Basic) or {@code client_secret_post} (in the form
 * body), never both at once. Secrets are checked with the password encoder (BCrypt, constant time);
 * an unknown client id is checked against a dummy hash of the same cost, so the time taken does not
 * tell which client ids exist. Failures name the client id in the audit log, never the secret.
 * Failures are throttled per client id and address, and per address ({@link ClientThrottle}): a
 * locked one is refused with 429 before any hash is computed.
 */
@Component
public class ClientAuthenticator {

    static final String REALM = "auth-server";
    static final String FAILURE = "Client authentication failed";

    /** BCrypt reads at most 72 bytes, and Spring's encoder refuses longer input. */
    private static final int MAX_SECRET_BYTES = 72;
    private static final Pattern COST = Pattern.compile("\\$(\\d\\d)\\$");
    /** Client ids in the audit log come from the request; a configured one is at most 128 characters. */
    private static final int MAX_LOGGED_ID = 128;

    private final Map<String, ClientProperties.Client> clients;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final String dummyHash;
    private final ClientThrottle throttle;

    public ClientAuthenticator(ClientProperties properties, PasswordEncoder passwordEncoder, AuditLog audit,
                               ClientThrottle throttle) {
        this.throttle = throttle;
        this.clients = properties.clients().stream()
                .collect(Collectors.toUnmodifiableMap(ClientProperties.Client::clientId, Function.identity()));
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.dummyHash = "{bcrypt}" + new BCryptPasswordEncoder(highestCost(properties.clients()))
                .encode(UUID.randomUUID().toString());
    }

    /**
     * For the endpoints a client needs no credentials for (token, revocation): checks the credentials
     * if any are presented.
     *
     * @param form the form body's parameters; empty for a GET
     * @return empty for a public client, one that presents no secret
     * @throws InvalidClientException for wrong credentials, or a registered client that presents none
     */
    public Optional<AuthenticatedClient> authenticateIfPresent(HttpServletRequest request, Map<String, String> form) {
        Credentials credentials = credentials(request, form);
        if (credentials == null) {
            return Optional.empty();
        }
        if (credentials.secret() == null) {
            if (clients.containsKey(credentials.id())) {
                audit.repeatable("client_auth_failure", loggable(credentials.id()), "client_id", loggable(credentials.id()),
                        "reason", "no_secret");
                throw new InvalidClientException("This client must authenticate");
            }
            // A public client naming itself (RFC 6749 section 3.2.1); nothing is registered for it.
            return Optional.empty();
        }
        return Optional.of(verify(credentials, request.getRemoteAddr()));
    }

    /**
     * For the endpoints only registered clients may call.
     *
     * @throws InvalidClientException without valid credentials, or when the client may not do {@code operation}
     */
    public AuthenticatedClient authenticate(HttpServletRequest request, Map<String, String> form, ClientOperation operation) {
        Credentials credentials = credentials(request, form);
        if (credentials == null || credentials.secret() == null) {
            String id = credentials == null ? "" : credentials.id();
            audit.repeatable("client_auth_failure", loggable(id), "client_id", loggable(id),
                    "reason", "no_credentials", "operation", operation.configName());
            throw new InvalidClientException("Client authentication is required");
        }
        AuthenticatedClient client = verify(credentials, request.getRemoteAddr());
        if (!client.may(operation)) {
            audit.repeatable("client_auth_failure", client.clientId(), "client_id", client.clientId(),
                    "reason", "operation_not_allowed", "operation", operation.configName());
            throw new InvalidClientException("The client is not allowed to use " + operation.configName());
        }
        return client;
    }

    /** @throws org.jwtauth.auth.error.TooManyRequestsException while the client id or the address is locked */
    private AuthenticatedClient verify(Credentials credentials, String address) {
        // The throttle's key is the id as long as we log it: ids are at most 128 characters when registered.
        ClientThrottle.Attempt attempt = throttle.check(loggable(credentials.id()), address);
        ClientProperties.Client client = clients.get(credentials.id());
        boolean matches = matches(credentials.secret(), client == null ? dummyHash : client.clientSecretHash());
        if (client == null || !matches) {
            throttle.failed(attempt);
            audit.repeatable("client_auth_failure", loggable(credentials.id()), "client_id", loggable(credentials.id()),
                    "method", credentials.method(), "reason", client == null ? "unknown_client" : "bad_secret");
            throw new InvalidClientException(FAILURE);
        }
        throttle.succeeded(attempt);
        return new AuthenticatedClient(client.clientId(), client.operations());
    }

    private boolean matches(String secret, String hash) {
        if (secret.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
            passwordEncoder.matches("x", hash);   // the same work, so the length is not a timing signal
            return false;
        }
        return passwordEncoder.matches(secret, hash);
    }

    /** @return null when the request carries no client identification at all */
    private static Credentials credentials(HttpServletRequest request, Map<String, String> form) {
        List<String> authorization = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
        if (authorization.size() > 1) {
            throw ApiException.invalidRequest("The Authorization header must not be sent more than once");
        }
        String formId = form.get("client_id");
        String formSecret = form.get("client_secret");
        Credentials basic = authorization.isEmpty() ? null : basic(authorization.get(0));
        if (basic != null) {
            if (formSecret != null) {
                throw ApiException.invalidRequest("Use one client authentication method: HTTP Basic or client_secret, not both");
            }
            if (formId != null && !formId.equals(basic.id())) {
                throw ApiException.invalidRequest("client_id does not match the HTTP Basic credentials");
            }
            return basic;
        }
        if (formSecret != null && formId == null) {
            throw ApiException.invalidRequest("client_secret requires client_id");
        }
        return formId == null ? null : new Credentials(formId, formSecret, "client_secret_post");
    }

    /** @return null for another scheme (a bearer token is Spring Security's business, not a client's credential) */
    private static Credentials basic(String header) {
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("basic")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(space + 1).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new InvalidClientException("Malformed HTTP Basic credentials");
            }
            // RFC 6749 section 2.3.1: both parts are application/x-www-form-urlencoded before Basic encoding.
            return new Credentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8), "client_secret_basic");
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidClientException("Malformed HTTP Basic credentials");
        }
    }

    private static String loggable(String clientId) {
        return clientId.length() <= MAX_LOGGED_ID ? clientId : clientId.substring(0, MAX_LOGGED_ID) + "...";
    }

    private static int highestCost(List<ClientProperties.Client> clients) {
        // "{bcrypt}$2a$10$..." -> 10; the format is validated by ClientProperties
        return clients.stream()
                .map(c -> COST.matcher(c.clientSecretHash()))
                .filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1)))
                .max().orElse(10);
    }

    private record Credentials(String id, String secret, String method) {
        @Override
        public String toString() {
            return "Credentials[id=" + id + ", method=" + method + "]";
        }
    }
}
