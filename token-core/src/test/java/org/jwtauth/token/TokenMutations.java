package org.jwtauth.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * jqwik generators that take a valid compact JWS ({@code header.payload.signature}) apart and put it
 * back together wrongly: character edits, segment shuffles, and header/payload JSON edits that are
 * re-encoded either under the original signature or (for checks behind the signature) re-signed.
 * Shared with resource-service's HTTP properties through token-core's test jar.
 */
public final class TokenMutations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DEC = Base64.getUrlDecoder();

    public static final String BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private TokenMutations() {
    }

    /** A mutated token and what was done to it; shown (abbreviated) when a property fails. */
    public record Mutant(String kind, String description, String token) {
        @Override
        public String toString() {
            String shown = token.length() > 80 ? token.substring(0, 80) + "...(" + token.length() + ")" : token;
            return kind + " [" + description + "] " + printable(shown);
        }
    }

    /** Signs a re-encoded header and payload: returns the whole compact token. */
    @FunctionalInterface
    public interface Signer {
        String sign(String encodedHeader, String encodedPayload);
    }

    // ------------------------------------------------------------------ character edits

    private interface Edit extends UnaryOperator<String> {
    }

    /** 1 to 4 flips, insertions or deletions, biased towards segment boundaries and segment ends. */
    public static Arbitrary<Mutant> characterEdits(String token, Arbitrary<String> insertable) {
        Arbitrary<Integer> position = positions(token);
        Arbitrary<Edit> flip = Combinators.combine(position, insertable)
                .as((pos, c) -> named("flip@" + pos + "=" + printable(c), s -> replaceAt(s, pos, c)));
        Arbitrary<Edit> insert = Combinators.combine(position, insertable)
                .as((pos, c) -> named("insert@" + pos + "=" + printable(c), s -> insertAt(s, pos, c)));
        Arbitrary<Edit> delete = Combinators.combine(position, Arbitraries.integers().between(1, 3))
                .as((pos, n) -> named("delete@" + pos + "x" + n, s -> deleteAt(s, pos, n)));
        return Arbitraries.frequencyOf(Tuple.of(3, flip), Tuple.of(2, insert), Tuple.of(2, delete))
                .list().ofMinSize(1).ofMaxSize(4)
                .map(edits -> apply("characters", token, edits));
    }

    /** Characters for flips and inserts: mostly base64url, plus separators, padding, whitespace and odd Unicode. */
    public static Arbitrary<String> anyInsertable() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, base64UrlChar()),
                Tuple.of(3, Arbitraries.of(".", "=", "+", "/", " ", "\t", "\n", "\r", "\u0000", "%", "\"", "\\", "é", "\u00ff",
                        "\u2028", "\uFEFF", "\uD800", "💥", "..", "==", "%2E", "\r\n", "{}", "eyJ")),
                Tuple.of(1, Arbitraries.chars().all().map(String::valueOf)));
    }

    /** What fits in an HTTP header value (visible ASCII and Latin-1), so that the client sends it as is. */
    public static Arbitrary<String> headerSafeInsertable() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, base64UrlChar()),
                Tuple.of(3, Arbitraries.of(".", "=", "+", "/", "%", "\"", "\\", ",", ";", "~", "é", "\u00ff", "..", "==", "%2E", "eyJ")),
                Tuple.of(1, Arbitraries.chars().range('!', '~').map(String::valueOf)));
    }

    static Arbitrary<String> base64UrlChar() {
        return Arbitraries.of(BASE64URL_ALPHABET.chars().mapToObj(c -> String.valueOf((char) c)).toList());
    }

    /** Anywhere in the token, and often right at the interesting places: ends, dots, last character of a segment. */
    private static Arbitrary<Integer> positions(String token) {
        List<Integer> hot = new ArrayList<>(List.of(0, 1, token.length() - 1, token.length()));
        IntStream.range(0, token.length()).filter(i -> token.charAt(i) == '.').forEach(i -> {
            hot.add(i - 1);
            hot.add(i);
            hot.add(i + 1);
        });
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, token.length())),
                Tuple.of(1, Arbitraries.of(hot)));
    }

    // ------------------------------------------------------------------ segment edits

    /** 1 to 3 swaps, duplications, drops and replacements of whole segments, or extra segments. */
    public static Arbitrary<Mutant> segmentEdits(String token) {
        List<String> original = List.of(token.split("\\.", -1));
        Arbitrary<Integer> index = Arbitraries.integers().between(0, original.size() - 1);
        Arbitrary<String> replacement = Arbitraries.oneOf(
                Arbitraries.of(original),
                Arbitraries.of("", "e30", b64("null"), b64("[]"), b64("{\"alg\":\"none\"}"), "AA", "=", "eyJ"),
                Arbitraries.strings().withChars(BASE64URL_ALPHABET.toCharArray()).ofMaxLength(400));
        Arbitrary<Edit> swap = Combinators.combine(index, index)
                .as((i, j) -> named("swap " + i + "<->" + j, segments(parts -> {
                    int a = Math.min(i, parts.size() - 1);
                    int b = Math.min(j, parts.size() - 1);
                    String t = parts.get(a);
                    parts.set(a, parts.get(b));
                    parts.set(b, t);
                })));
        Arbitrary<Edit> duplicate = Combinators.combine(index, Arbitraries.integers().between(0, original.size()))
                .as((i, at) -> named("duplicate " + i + "@" + at, segments(parts -> {
                    String copy = parts.get(Math.min(i, parts.size() - 1));
                    parts.add(Math.min(at, parts.size()), copy);
                })));
        Arbitrary<Edit> drop = index.map(i -> named("drop " + i, segments(parts -> {
            if (!parts.isEmpty()) {
                parts.remove((int) Math.min(i, parts.size() - 1));
            }
        })));
        Arbitrary<Edit> replace = Combinators.combine(index, replacement)
                .as((i, r) -> named("replace " + i + "=" + abbreviated(r), segments(parts -> {
                    if (!parts.isEmpty()) {
                        parts.set(Math.min(i, parts.size() - 1), r);
                    }
                })));
        Arbitrary<Edit> append = replacement.map(r -> named("append " + abbreviated(r), segments(parts -> parts.add(r))));
        return Arbitraries.oneOf(swap, duplicate, drop, replace, append)
                .list().ofMinSize(1).ofMaxSize(3)
                .map(edits -> apply("segments", token, edits));
    }

    private static Edit segments(java.util.function.Consumer<List<String>> change) {
        return s -> {
            List<String> parts = new ArrayList<>(Arrays.asList(s.split("\\.", -1)));
            change.accept(parts);
            return String.join(".", parts);
        };
    }

    // ------------------------------------------------------------------ JSON edits

    /** One change to the header or the claims, as a map edit. */
    record JsonEdit(boolean header, String key, boolean remove, Object value) {
        void applyTo(Map<String, Object> headerMap, Map<String, Object> claimMap) {
            Map<String, Object> target = header ? headerMap : claimMap;
            if (remove) {
                target.remove(key);
            } else {
                target.put(key, value);
            }
        }

        @Override
        public String toString() {
            return (header ? "header." : "claims.") + key + (remove ? " removed" : "=" + abbreviated(String.valueOf(value)));
        }
    }

    /** How the edited JSON becomes a segment again. */
    enum Encoding {
        COMPACT, PRETTY, LEADING_SPACE, DUPLICATE_FIRST_KEY, STANDARD_BASE64, PADDED_BASE64URL
    }

    static Arbitrary<JsonEdit> headerEdits(String kid) {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("alg", "typ", "kid")),
                Tuple.of(2, Arbitraries.of("cty", "crit", "zip", "jku", "jwk", "x5u", "x5c", "x5t", "b64", "enc", "p2c", "epk")),
                Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(8)));
        Arbitrary<Object> value = Arbitraries.frequencyOf(
                Tuple.of(4, headerValues(kid)),
                Tuple.of(2, jsonValues()));
        return Combinators.combine(key, Arbitraries.integers().between(0, 5), value)
                .as((k, r, v) -> new JsonEdit(true, k, r == 0, v));
    }

    static Arbitrary<Object> headerValues(String kid) {
        return Arbitraries.of("none", "None", "NONE", "nOnE", "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384",
                "ES256", "ES384", "ES512", "EdDSA", "Ed25519", "RSA-OAEP", "dir", "A128GCM", "rs256", " RS256", "RS256\u0000", "",
                "at+jwt", "AT+JWT", "application/at+jwt", "Application/AT+JWT", "JWT", "jwt", "at+jwt ", "refresh+jwt", "DEF",
                kid, kid.toUpperCase(), kid + "x", kid.substring(1), "unknown", "../../../etc/passwd", "http://127.0.0.1:1/jwks",
                List.of(kid), List.of("exp"), List.of("b64"), List.of(), Map.of(), Map.of("kty", "RSA", "n", "AQAB", "e", "AQAB"),
                Map.of("kty", "oct", "k", "c2VjcmV0"), false, true, 0, 1, 256);
    }

    static Arbitrary<JsonEdit> claimEdits(ClaimDefaults defaults) {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "preferred_username", "roles")),
                Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(8)));
        Arbitrary<Object> value = Arbitraries.frequencyOf(
                Tuple.of(4, claimValues(defaults)),
                Tuple.of(3, jsonValues()));
        return Combinators.combine(key, Arbitraries.integers().between(0, 5), value)
                .as((k, r, v) -> new JsonEdit(false, k, r == 0, v));
    }

    /** The values a real token carries, so that edits can land close to (or exactly on) a valid token. */
    public record ClaimDefaults(String issuer, String audience, long now, String subject) {
    }

    static Arbitrary<Object> claimValues(ClaimDefaults d) {
        List<Object> values = new ArrayList<>();
        values.addAll(List.of(d.issuer(), d.issuer() + "/", d.issuer().toUpperCase(), " " + d.issuer(), List.of(d.issuer()),
                d.audience(), List.of(d.audience()), List.of(d.audience(), "other"), List.of("other", d.audience()), List.of(),
                List.of("other"), d.audience() + "\u0000", d.subject(), "admin", "", " ", "\u0000",
                d.now(), d.now() - 1, d.now() + 1, d.now() + 29, d.now() + 31, d.now() - 3600, d.now() + 3600, d.now() + 300,
                d.now() + 301, d.now() + 0.5, (double) d.now(), 0, -1, -d.now(), Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE,
                new BigDecimal("1e400"), new BigInteger("99999999999999999999999999"), 1.0e300, "2026-03-01T12:00:00Z",
                "2099-01-01T00:00:00Z", String.valueOf(d.now()),
                List.of("ADMIN"), List.of("USER", "ADMIN"), "ADMIN", List.of(1), List.of(List.of("ADMIN")), Map.of("role", "ADMIN"),
                true, false));
        values.add(nullList());
        return Arbitraries.of(values).injectNull(0.05);
    }

    private static List<Object> nullList() {
        List<Object> list = new ArrayList<>();
        list.add(null);
        return list;
    }

    /** Arbitrary JSON values of every type, nested a little. */
    static Arbitrary<Object> jsonValues() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(x -> (Object) x),
                Arbitraries.of(true, false).map(b -> (Object) b))
                .injectNull(0.1);
        Arbitrary<Object> list = leaf.list().ofMaxSize(3).map(l -> (Object) l);
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), leaf).ofMaxSize(3).map(m -> (Object) m);
        return Arbitraries.frequencyOf(Tuple.of(6, leaf), Tuple.of(2, list), Tuple.of(1, map));
    }

    /**
     * Header/claim edits re-encoded into a token. With {@code signer == null} the original signature
     * is kept (so only a byte-identical result may verify); otherwise the result is properly signed.
     */
    public static Arbitrary<Mutant> jsonEdits(String token, ClaimDefaults defaults, Signer signer) {
        String kid = (String) parse(token.split("\\.")[0]).get("kid");
        // Re-signed tokens get past the signature, so there the claim checks deserve most of the edits.
        int claimWeight = signer == null ? 2 : 5;
        Arbitrary<JsonEdit> edit = Arbitraries.frequencyOf(Tuple.of(1, headerEdits(kid)), Tuple.of(claimWeight, claimEdits(defaults)));
        Arbitrary<Encoding> encoding = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(Encoding.COMPACT)),
                Tuple.of(1, Arbitraries.of(Encoding.values())));
        return Combinators.combine(edit.list().ofMinSize(1).ofMaxSize(4), encoding, encoding)
                .as((edits, headerEncoding, payloadEncoding) -> reencode(token, edits, headerEncoding, payloadEncoding, signer));
    }

    static Mutant reencode(String token, List<JsonEdit> edits, Encoding headerEncoding, Encoding payloadEncoding,
                           Signer signer) {
        String[] parts = token.split("\\.");
        Map<String, Object> header = parse(parts[0]);
        Map<String, Object> claims = parse(parts[1]);
        edits.forEach(e -> e.applyTo(header, claims));
        boolean headerEdited = edits.stream().anyMatch(JsonEdit::header);
        boolean claimsEdited = edits.stream().anyMatch(e -> !e.header());
        // An untouched segment stays byte for byte as it was, unless its encoding was chosen to change.
        String h = headerEdited || headerEncoding != Encoding.COMPACT ? encode(header, headerEncoding) : parts[0];
        String p = claimsEdited || payloadEncoding != Encoding.COMPACT ? encode(claims, payloadEncoding) : parts[1];
        String description = edits + " header:" + headerEncoding + " payload:" + payloadEncoding;
        if (signer == null) {
            String kind = headerEdited ? (claimsEdited ? "json header+claims" : "json header") : "json claims";
            return new Mutant(kind, description, h + "." + p + "." + parts[2]);
        }
        return new Mutant("re-signed " + (headerEdited ? "header" : "claims"), description, signer.sign(h, p));
    }

    static Map<String, Object> parse(String segment) {
        try {
            return JSON.readValue(B64URL_DEC.decode(segment), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(Map<String, Object> map, Encoding encoding) {
        try {
            String json = switch (encoding) {
                case PRETTY -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(map);
                case LEADING_SPACE -> " " + JSON.writeValueAsString(map);
                case DUPLICATE_FIRST_KEY -> duplicateFirstKey(JSON.writeValueAsString(map), map);
                default -> JSON.writeValueAsString(map);
            };
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            return switch (encoding) {
                case STANDARD_BASE64 -> Base64.getEncoder().encodeToString(bytes);
                case PADDED_BASE64URL -> Base64.getUrlEncoder().encodeToString(bytes);
                default -> B64URL.encodeToString(bytes);
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"alg":"RS256",...}} becomes {@code {"alg":"none","alg":"RS256",...}}: a parser-differential probe. */
    private static String duplicateFirstKey(String json, Map<String, Object> map) throws JsonProcessingException {
        if (map.isEmpty()) {
            return json;
        }
        String first = map.keySet().iterator().next();
        Object other = "alg".equals(first) ? "none" : "x";
        return "{" + JSON.writeValueAsString(first) + ":" + JSON.writeValueAsString(other) + "," + json.substring(1);
    }

    static String b64(String s) {
        return B64URL.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ helpers

    private static Edit named(String name, UnaryOperator<String> op) {
        return new Edit() {
            @Override
            public String apply(String s) {
                return op.apply(s);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private static Mutant apply(String kind, String token, List<Edit> edits) {
        String result = token;
        for (Edit edit : edits) {
            result = edit.apply(result);
        }
        return new Mutant(kind, edits.toString(), result);
    }

    private static String replaceAt(String s, int pos, String c) {
        if (s.isEmpty()) {
            return c;
        }
        int p = Math.min(pos, s.length() - 1);
        return s.substring(0, p) + c + s.substring(p + 1);
    }

    private static String insertAt(String s, int pos, String c) {
        int p = Math.min(pos, s.length());
        return s.substring(0, p) + c + s.substring(p);
    }

    private static String deleteAt(String s, int pos, int n) {
        int p = Math.min(pos, s.length());
        return s.substring(0, p) + s.substring(Math.min(s.length(), p + n));
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return sb.toString();
    }

    private static String abbreviated(String s) {
        String p = printable(s);
        return p.length() > 24 ? p.substring(0, 24) + "...(" + s.length() + ")" : p;
    }
}
