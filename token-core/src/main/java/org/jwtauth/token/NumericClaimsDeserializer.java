package org.jwtauth.token;

import io.jsonwebtoken.io.DeserializationException;
import io.jsonwebtoken.io.Deserializer;
import io.jsonwebtoken.jackson.io.JacksonDeserializer;

import java.io.Reader;
import java.util.List;
import java.util.Map;

/**
 * jjwt's JSON reading, noting one thing jjwt does not check: RFC 7519 section 2 makes {@code exp},
 * {@code iat} and {@code nbf} NumericDates, JSON numbers, but jjwt also takes a string as a date
 * ({@code "exp":"2099-01-01T00:00:00Z"}, or {@code "exp":"4070908800"}). A token spelled that way did
 * not come from our issuer as it is, and is refused whatever its signature.
 * <p>
 * Throwing here would not do: jjwt takes a payload it cannot read as claims for opaque content and
 * reports something else. So the first such claim is noted for the thread, and the validator asks for
 * it ({@link #takeNonNumericDate()}) right after jjwt's parse, on the same thread. jjwt reads the
 * header, then asks the key locator (which clears the note), and reads the payload only once the
 * signature has verified: a note found after a successful parse is the payload's. A parse that fails
 * leaves a note behind that the next key lookup on the thread clears.
 */
final class NumericClaimsDeserializer implements Deserializer<Map<String, ?>> {

    private static final List<String> NUMERIC_DATES = List.of("exp", "iat", "nbf");
    private static final ThreadLocal<String> NON_NUMERIC = new ThreadLocal<>();

    private final Deserializer<Map<String, ?>> json = new JacksonDeserializer<>();

    @Override
    public Map<String, ?> deserialize(Reader reader) throws DeserializationException {
        return noted(json.deserialize(reader));
    }

    @Override
    @Deprecated
    public Map<String, ?> deserialize(byte[] bytes) throws DeserializationException {
        return noted(json.deserialize(bytes));
    }

    /** @return the name of the first time claim that was no JSON number since the last call, or null; forgets it */
    static String takeNonNumericDate() {
        String name = NON_NUMERIC.get();
        NON_NUMERIC.remove();
        return name;
    }

    private static Map<String, ?> noted(Map<String, ?> claims) {
        for (String name : NUMERIC_DATES) {
            Object value = claims.get(name);
            if (value != null && !(value instanceof Number) && NON_NUMERIC.get() == null) {
                NON_NUMERIC.set(name);
            }
        }
        return claims;
    }
}
