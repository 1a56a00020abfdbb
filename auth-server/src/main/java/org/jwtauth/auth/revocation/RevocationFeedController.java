package org.jwtauth.auth.revocation;

import jakarta.servlet.http.HttpServletRequest;
import org.jwtauth.auth.client.ClientAuthenticator;
import org.jwtauth.auth.client.ClientOperation;
import org.jwtauth.auth.error.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code GET /auth/revocations?since=<epoch seconds>}, for registered clients allowed the
 * {@code revocation-feed} operation (HTTP Basic). See {@link RevocationFeed}.
 */
@RestController
public class RevocationFeedController {

    /** Up to 18 digits fit a long; larger values are far beyond any revocation anyway. */
    private static final int MAX_DIGITS = 18;

    private final ClientAuthenticator clients;
    private final RevocationFeed feed;

    public RevocationFeedController(ClientAuthenticator clients, RevocationFeed feed) {
        this.clients = clients;
        this.feed = feed;
    }

    @GetMapping(path = "/auth/revocations", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<RevocationFeedResponse> revocations(HttpServletRequest request) {
        // A GET has no form body: HTTP Basic is the only way to authenticate here.
        clients.authenticate(request, Map.of(), ClientOperation.REVOCATION_FEED);
        Long since = since(request.getParameterValues("since"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(feed.since(since));
    }

    private static Long since(String[] values) {
        if (values == null) {
            return null;
        }
        if (values.length > 1) {
            throw ApiException.invalidRequest("The parameter 'since' must not be sent more than once");
        }
        String value = values[0];
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.invalidRequest("The parameter 'since' must be a non-negative integer (epoch seconds)");
        }
        String digits = value.replaceFirst("^0+(?=.)", "");
        return digits.length() > MAX_DIGITS ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
