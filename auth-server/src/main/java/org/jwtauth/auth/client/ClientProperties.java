package org.jwtauth.auth.client;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code auth.clients}: the registered (confidential) OAuth clients. Their own record next to
 * {@link org.jwtauth.auth.config.AuthProperties}, which ignores this key. Secrets are configured only
 * as hashes in Spring's {@code DelegatingPasswordEncoder} format; only {@code {bcrypt}} is accepted,
 * so a plain-text {@code {noop}} secret cannot slip into a configuration file.
 */
@Validated
@ConfigurationProperties("auth")
public record ClientProperties(List<@Valid Client> clients) {

    /** A {bcrypt} hash as Spring writes it: version, two-digit cost, 22 characters salt and 31 hash. */
    static final String BCRYPT_HASH = "\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}";

    public ClientProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
        Set<String> ids = new HashSet<>();
        for (Client client : clients) {
            if (client != null && !ids.add(client.clientId())) {
                throw new IllegalArgumentException("auth.clients: client_id " + client.clientId() + " is configured twice");
            }
        }
    }

    /**
     * @param clientId         1 to 128 of RFC 6749 appendix A.1's VSCHAR (printable ASCII and space;
     *                         HTTP Basic carries it form-url-encoded, so even ':' is fine)
     * @param clientSecretHash e.g. {@code {bcrypt}$2a$10$...}; never the secret itself
     * @param operations       {@code introspect}, {@code revocation-feed}
     */
    public record Client(
            @NotBlank @Pattern(regexp = "[\\x20-\\x7e]{1,128}", message = "must be 1 to 128 printable ASCII characters") String clientId,
            @NotBlank @Pattern(regexp = BCRYPT_HASH, message = "must be a {bcrypt} hash, e.g. {bcrypt}$2a$10$...") String clientSecretHash,
            Set<ClientOperation> operations) {

        public Client {
            operations = operations == null ? Set.of() : Set.copyOf(operations);
        }

        @Override
        public String toString() {
            return "Client[clientId=" + clientId + ", operations=" + operations + "]";
        }
    }
}
