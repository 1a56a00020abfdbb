package org.jwtauth.auth.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Something failures are counted for: a normalised username, a client id at an address, or the
 * client address logins or client authentications come from (counted apart). Only {@link #hash()}
 * is stored; it is pseudonymous rather than secret (usernames are guessable), but it keeps whatever a
 * client typed, control characters or a mistyped password included, out of the table.
 */
public record ThrottleKey(Scope scope, String value) {

    public enum Scope {
        USER("user"), ADDRESS("address"), CLIENT("client"), CLIENT_ADDRESS("client-address");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        /** The name in the database and in audit events. */
        public String label() {
            return label;
        }
    }

    public static ThrottleKey user(String normalisedUsername) {
        return new ThrottleKey(Scope.USER, normalisedUsername);
    }

    public static ThrottleKey address(String clientAddress) {
        return new ThrottleKey(Scope.ADDRESS, ClientAddresses.throttleKey(clientAddress));
    }

    /** A client id as used from one address: a lockout there does not lock the client out elsewhere. */
    public static ThrottleKey clientAt(String clientId, String clientAddress) {
        return new ThrottleKey(Scope.CLIENT, ClientAddresses.throttleKey(clientAddress) + ' ' + clientId);
    }

    /** The address of client authentications: its failures do not lock logins from there, nor the other way round. */
    public static ThrottleKey clientAddress(String clientAddress) {
        return new ThrottleKey(Scope.CLIENT_ADDRESS, ClientAddresses.throttleKey(clientAddress));
    }

    /** SHA-256 hex of scope and value: the primary key of the row. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((scope.label() + ':' + value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
