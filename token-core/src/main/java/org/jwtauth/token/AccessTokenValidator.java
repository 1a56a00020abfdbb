package org.jwtauth.token;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.IncorrectClaimException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.MissingClaimException;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SecurityException;
import org.jwtauth.token.InvalidAccessTokenException.Reason;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates an access token offline: size, signature with a known asymmetric key, algorithm
 * allow-list, {@code typ}, {@code exp}/{@code nbf}/{@code iat} (JSON numbers; {@code iat} required)
 * with clock skew, a lifetime ({@code exp - iat}) of at most {@code maxLifetime}, {@code iss} and
 * {@code aud}. Thread-safe; build one per service.
 */
public final class AccessTokenValidator implements AccessTokenVerifier {

    /** Tokens from our issuer are well under 2 KiB; anything this large is rejected before any crypto. */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;

    /**
     * Longer than any access token the auth server issues by default (10 minutes) or should: a token
     * living longer was minted by somebody who should not hold the key, or by a misconfiguration.
     */
    public static final String DEFAULT_MAX_LIFETIME_TEXT = "PT1H";
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.parse(DEFAULT_MAX_LIFETIME_TEXT);

    private final Settings settings;
    private final Clock clock;
    private final VerificationKeySource keys;
    private final JwtParser parser;

    public record Settings(String issuer, String audience, Duration clockSkew, Set<String> allowedAlgorithms,
                           int maxTokenLength, Duration maxLifetime) {
        public Settings {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(clockSkew, "clockSkew");
            Objects.requireNonNull(maxLifetime, "maxLifetime");
            if (clockSkew.isNegative()) {
                throw new IllegalArgumentException("clock skew must not be negative");
            }
            if (maxLifetime.isNegative() || maxLifetime.isZero()) {
                throw new IllegalArgumentException("the maximum token lifetime must be positive");
            }
            allowedAlgorithms = Set.copyOf(allowedAlgorithms);
            for (String alg : allowedAlgorithms) {
                if (!AccessTokenFormat.SUPPORTED_ALGORITHMS.contains(alg)) {
                    throw new IllegalArgumentException("algorithm " + alg + " is not allowed for access tokens; choose from "
                            + AccessTokenFormat.SUPPORTED_ALGORITHMS);
                }
            }
            if (maxTokenLength <= 0) {
                throw new IllegalArgumentException("maxTokenLength must be positive");
            }
        }

        public Settings(String issuer, String audience, Duration clockSkew, Set<String> allowedAlgorithms,
                        int maxTokenLength) {
            this(issuer, audience, clockSkew, allowedAlgorithms, maxTokenLength, DEFAULT_MAX_LIFETIME);
        }

        public Settings(String issuer, String audience, Duration clockSkew) {
            this(issuer, audience, clockSkew, Set.copyOf(AccessTokenFormat.DEFAULT_ALGORITHMS), DEFAULT_MAX_TOKEN_LENGTH);
        }
    }

    public AccessTokenValidator(Settings settings, VerificationKeySource keys, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
        this.parser = Jwts.parser()
                .json(new NumericClaimsDeserializer())
                .keyLocator(new KeyLocator())
                .requireIssuer(settings.issuer())
                .requireAudience(settings.audience())
                .clockSkewSeconds(settings.clockSkew().toSeconds())
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /**
     * @return the token's verified header and claims
     * @throws InvalidAccessTokenException with a client-safe description when the token is not acceptable
     */
    @Override
    public ValidatedAccessToken validate(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidAccessTokenException(Reason.MISSING, "The access token is missing");
        }
        if (token.length() > settings.maxTokenLength()) {
            throw new InvalidAccessTokenException(Reason.TOO_LARGE, "The access token is too large");
        }
        if (!isCanonicalCompactSerialization(token)) {
            throw new InvalidAccessTokenException(Reason.MALFORMED, "The access token is malformed");
        }
        Jws<Claims> jws;
        try {
            jws = parser.parseSignedClaims(token);
        } catch (InvalidAccessTokenException e) {
            throw e;
        } catch (ExpiredJwtException e) {
            throw new InvalidAccessTokenException(Reason.EXPIRED, "The access token expired", e);
        } catch (PrematureJwtException e) {
            throw new InvalidAccessTokenException(Reason.NOT_YET_VALID, "The access token is not valid yet", e);
        } catch (MissingClaimException e) {
            throw new InvalidAccessTokenException(claimReason(e.getClaimName()), "The access token lacks the " + safeClaimName(e.getClaimName()) + " claim", e);
        } catch (IncorrectClaimException e) {
            throw new InvalidAccessTokenException(claimReason(e.getClaimName()), "The access token has an unexpected " + safeClaimName(e.getClaimName()) + " claim", e);
        } catch (SecurityException e) {
            throw new InvalidAccessTokenException(Reason.BAD_SIGNATURE, "The access token signature is invalid", e);
        } catch (UnsupportedJwtException e) {
            throw new InvalidAccessTokenException(Reason.UNSIGNED, "The access token is not a signed JWT", e);
        } catch (MalformedJwtException | IllegalArgumentException e) {
            throw new InvalidAccessTokenException(Reason.MALFORMED, "The access token is malformed", e);
        } catch (JwtException | ClassCastException e) {
            throw new InvalidAccessTokenException(Reason.OTHER, "The access token is invalid", e);
        }
        // The payload was read after its signature verified, and after the key lookup cleared the note.
        String nonNumeric = NumericClaimsDeserializer.takeNonNumericDate();
        if (nonNumeric != null) {
            throw new InvalidAccessTokenException(Reason.INVALID_CLAIMS, "The access token's " + nonNumeric + " claim is not a number");
        }
        return checkClaims(token, jws);
    }

    /**
     * Whether every dot-separated segment is canonical unpadded base64url (RFC 7515 section 2, RFC 4648
     * sections 3.5 and 5): only {@code A-Z a-z 0-9 - _}, no padding, whitespace or other characters, no
     * length of 4n+1 and zero spare bits in the last character. jjwt's decoder is lenient about all of
     * these in the signature segment, which is not part of the signed input, so without this check one
     * token would have many spellings that all verify.
     */
    static boolean isCanonicalCompactSerialization(String token) {
        int segmentStart = 0;
        for (int i = 0; i <= token.length(); i++) {
            if (i == token.length() || token.charAt(i) == '.') {
                if (!isCanonicalBase64Url(token, segmentStart, i)) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isCanonicalBase64Url(String s, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (base64UrlValue(s.charAt(i)) < 0) {
                return false;
            }
        }
        return switch (length % 4) {
            case 2 -> (base64UrlValue(s.charAt(to - 1)) & 0x0F) == 0; // 1 byte: 4 spare bits
            case 3 -> (base64UrlValue(s.charAt(to - 1)) & 0x03) == 0; // 2 bytes: 2 spare bits
            default -> true;
        };
    }

    private static int base64UrlValue(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        return c == '_' ? 63 : -1;
    }

    private ValidatedAccessToken checkClaims(String token, Jws<Claims> jws) {
        Claims claims = jws.getPayload();
        Instant now = clock.instant();
        Date exp = claims.getExpiration();
        if (exp == null) {
            // jjwt treats exp as optional; a token without one would be valid forever.
            throw new InvalidAccessTokenException(Reason.INVALID_CLAIMS, "The access token lacks the exp claim");
        }
        Date iat = claims.getIssuedAt();
        if (iat == null) {
            // RFC 9068 section 2.2 requires it; without it neither the lifetime nor a revocation can be judged.
            throw new InvalidAccessTokenException(Reason.INVALID_CLAIMS, "The access token lacks the iat claim");
        }
        if (iat.toInstant().isAfter(now.plus(settings.clockSkew()))) {
            throw new InvalidAccessTokenException(Reason.NOT_YET_VALID, "The access token was issued in the future");
        }
        if (!exp.after(iat)) {
            throw new InvalidAccessTokenException(Reason.INVALID_CLAIMS, "The access token expires before it was issued");
        }
        if (Duration.between(iat.toInstant(), exp.toInstant()).compareTo(settings.maxLifetime()) > 0) {
            throw new InvalidAccessTokenException(Reason.INVALID_CLAIMS, "The access token's lifetime is longer than accepted");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidAccessTokenException(Reason.INVALID_CLAIMS, "The access token lacks the sub claim");
        }
        Object roles = claims.get(AccessTokenFormat.CLAIM_ROLES);
        if (roles != null && !(roles instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            throw new InvalidAccessTokenException(Reason.INVALID_CLAIMS, "The access token has a malformed roles claim");
        }
        Object username = claims.get(AccessTokenFormat.CLAIM_USERNAME);
        if (username != null && !(username instanceof String)) {
            throw new InvalidAccessTokenException(Reason.INVALID_CLAIMS, "The access token has a malformed preferred_username claim");
        }
        try {
            return new ValidatedAccessToken(token, jws.getHeader(), normalise(claims));
        } catch (IllegalArgumentException e) {
            // Spring's Jwt checks little that is not checked above; should it refuse one, so do we.
            throw new InvalidAccessTokenException(Reason.INVALID_CLAIMS, "The access token is invalid", e);
        }
    }

    /** Spring's Jwt wants Instants for the registered times and a list for aud. */
    private static Map<String, Object> normalise(Claims claims) {
        Map<String, Object> out = new LinkedHashMap<>(claims);
        putInstant(out, Claims.EXPIRATION, claims.getExpiration());
        putInstant(out, Claims.ISSUED_AT, claims.getIssuedAt());
        putInstant(out, Claims.NOT_BEFORE, claims.getNotBefore());
        if (claims.getAudience() != null) {
            out.put(Claims.AUDIENCE, List.copyOf(claims.getAudience()));
        }
        // Checked to be a list of strings; immutable, since a cached token is shared by every request carrying it.
        if (out.get(AccessTokenFormat.CLAIM_ROLES) instanceof List<?> roles) {
            out.put(AccessTokenFormat.CLAIM_ROLES, List.copyOf(roles));
        }
        return out;
    }

    private static void putInstant(Map<String, Object> map, String name, Date value) {
        if (value != null) {
            map.put(name, value.toInstant());
        }
    }

    /** The required claims jjwt checks for us are iss and aud; anything else is a claims problem. */
    private static Reason claimReason(String name) {
        if ("iss".equals(name)) {
            return Reason.ISSUER;
        }
        return "aud".equals(name) ? Reason.AUDIENCE : Reason.INVALID_CLAIMS;
    }

    /** Claim names come from our own required set, but never let anything odd reach a header. */
    private static String safeClaimName(String name) {
        return name != null && name.matches("[a-z_]{1,32}") ? name : "required";
    }

    private final class KeyLocator extends LocatorAdapter<Key> {
        @Override
        protected Key locate(JwsHeader header) {
            // Only the payload's times count: forget what the header (read just before) had.
            NumericClaimsDeserializer.takeNonNumericDate();
            String alg = header.getAlgorithm();
            if (alg == null || !settings.allowedAlgorithms().contains(alg)) {
                throw new InvalidAccessTokenException(Reason.DISALLOWED_ALGORITHM, "The access token is signed with an algorithm that is not accepted");
            }
            if (!AccessTokenFormat.isAccessTokenType(header.getType())) {
                throw new InvalidAccessTokenException(Reason.WRONG_TYPE, "The token is not an access token (typ must be at+jwt)");
            }
            if (header.getCompressionAlgorithm() != null) {
                throw new InvalidAccessTokenException(Reason.MALFORMED, "Compressed access tokens are not accepted");
            }
            if (!AccessTokenFormat.HEADER_PARAMETERS.containsAll(header.keySet())) {
                // e.g. b64:false without crit, which jjwt would otherwise ignore (found by fuzzing)
                throw new InvalidAccessTokenException(Reason.MALFORMED, "The access token is malformed");
            }
            VerificationKey key = keys.find(header.getKeyId())
                    .orElseThrow(() -> new InvalidAccessTokenException(Reason.UNKNOWN_KID, "The access token is signed with an unknown key"));
            if (!key.algorithm().equals(alg)) {
                throw new InvalidAccessTokenException(Reason.DISALLOWED_ALGORITHM, "The access token algorithm does not match its key");
            }
            return key.publicKey();
        }
    }
}
