package org.jwtauth.token;

import java.util.Locale;

/**
 * A token failed validation. The message is safe to show to the client (it goes into the RFC 6750
 * {@code error_description}), so it must never echo any part of the token. The {@link Reason} is the
 * same verdict in machine-readable form, for metrics.
 */
public class InvalidAccessTokenException extends RuntimeException {

    /**
     * Why a token was refused, coarse enough to be a low-cardinality metric tag ({@link #tag()}), fine
     * enough to tell an attack (bad signatures, unsigned tokens) from misconfiguration (wrong issuer or
     * audience, unknown keys) or clients using expired tokens.
     */
    public enum Reason {
        MISSING,
        TOO_LARGE,
        MALFORMED,
        /** No signature at all, e.g. {@code alg: none}, or a JWE. */
        UNSIGNED,
        /** An {@code alg} outside the allow-list, or one that does not match its key. */
        DISALLOWED_ALGORITHM,
        /** {@code typ} is not {@code at+jwt}. */
        WRONG_TYPE,
        UNKNOWN_KID,
        BAD_SIGNATURE,
        EXPIRED,
        /** {@code nbf} or {@code iat} in the future. */
        NOT_YET_VALID,
        /** {@code iss} missing or not ours. */
        ISSUER,
        /** {@code aud} missing or not naming this service. */
        AUDIENCE,
        /** Any other missing or ill-formed claim ({@code exp}, {@code sub}, {@code roles}, ...). */
        INVALID_CLAIMS,
        /** Valid in itself, but its user was revoked after it was issued (the optional revocation feed). */
        REVOKED,
        OTHER;

        /** The lower-case name, for metric tags: {@code bad_signature}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public InvalidAccessTokenException(Reason reason, String description) {
        super(description);
        this.reason = reason;
    }

    public InvalidAccessTokenException(Reason reason, String description, Throwable cause) {
        super(description, cause);
        this.reason = reason;
    }

    /** With {@link Reason#OTHER}; prefer the constructors that name the reason. */
    public InvalidAccessTokenException(String description) {
        this(Reason.OTHER, description);
    }

    /** With {@link Reason#OTHER}; prefer the constructors that name the reason. */
    public InvalidAccessTokenException(String description, Throwable cause) {
        this(Reason.OTHER, description, cause);
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The reason behind {@code failure}: its own if it is an {@code InvalidAccessTokenException}, else that
     * of the first one among its causes (Spring's {@code BadJwtException} wraps ours), else {@link Reason#OTHER}.
     */
    public static Reason reasonOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidAccessTokenException invalid) {
                return invalid.reason();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Reason.OTHER;
    }
}
