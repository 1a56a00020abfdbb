package org.jwtauth.resource.revocation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer of {@code GET /auth/revocations}: {@code {"revocations":[{"sub":"…","revoked_at":<epoch s>}],
 * "as_of":<epoch s>}}. Parsed strictly: an answer of any other shape is refused as a whole, so a
 * half-understood answer can never replace what the service already knows. Unknown extra members are
 * ignored, so the auth server may add fields.
 */
record RevocationFeedAnswer(List<Revocation> revocations, Instant asOf) {

    record Revocation(String subject, Instant revokedAt) {
    }

    /** User ids are UUIDs; this leaves room for other issuers' ids without letting one entry be huge. */
    static final int MAX_SUBJECT_LENGTH = 255;

    /** 9999-12-31T23:59:59Z: anything later is garbage, not a time. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    RevocationFeedAnswer {
        revocations = List.copyOf(revocations);
    }

    /** @throws IOException naming what is wrong (never quoting the body) when the answer is not of the agreed shape */
    static RevocationFeedAnswer parse(byte[] body) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("the feed answer is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IOException("the feed answer is not a JSON object");
        }
        JsonNode list = root.get("revocations");
        if (list == null || !list.isArray()) {
            throw new IOException("the feed answer lacks the revocations array");
        }
        Instant asOf = epochSeconds(root.get("as_of"), "as_of");
        List<Revocation> revocations = new ArrayList<>(list.size());
        for (JsonNode entry : list) {
            if (!entry.isObject()) {
                throw new IOException("a revocations entry is not an object");
            }
            JsonNode sub = entry.get("sub");
            if (sub == null || !sub.isTextual() || sub.asText().isBlank() || sub.asText().length() > MAX_SUBJECT_LENGTH) {
                throw new IOException("a revocations entry lacks a valid sub");
            }
            revocations.add(new Revocation(sub.asText(), epochSeconds(entry.get("revoked_at"), "revoked_at")));
        }
        return new RevocationFeedAnswer(revocations, asOf);
    }

    private static Instant epochSeconds(JsonNode node, String name) throws IOException {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < 0 || node.longValue() > MAX_EPOCH_SECOND) {
            throw new IOException("the feed answer has no valid " + name + " (epoch seconds)");
        }
        return Instant.ofEpochSecond(node.longValue());
    }
}
