package org.jwtauth.auth.oauth2;

import jakarta.servlet.http.HttpServletRequest;
import org.jwtauth.auth.client.ClientAuthenticator;
import org.jwtauth.auth.client.ClientOperation;
import org.jwtauth.auth.error.ApiException;
import org.jwtauth.auth.http.NoStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * RFC 7662 token introspection, for services that want an online check (which sees a user's
 * revocation at once). Only registered clients allowed to {@code introspect} may ask (section 2.1),
 * so that nobody can use it to probe tokens. {@code token_type_hint} is not needed: the formats differ.
 */
@RestController
public class IntrospectionEndpoint {

    static final String PATH = "/oauth2/introspect";

    private final ClientAuthenticator clients;
    private final TokenIntrospector introspector;

    public IntrospectionEndpoint(ClientAuthenticator clients, TokenIntrospector introspector) {
        this.clients = clients;
        this.introspector = introspector;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<IntrospectionResponse> introspect(HttpServletRequest request) {
        FormParameters form = FormParameters.of(request);
        clients.authenticate(request, form.asMap(), ClientOperation.INTROSPECT);
        String token = form.get("token");
        if (token == null) {
            throw ApiException.invalidRequest("The parameter 'token' is missing");
        }
        return NoStore.ok()
                .body(introspector.introspect(token));
    }
}
