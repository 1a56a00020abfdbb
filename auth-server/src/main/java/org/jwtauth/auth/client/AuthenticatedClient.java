package org.jwtauth.auth.client;

import java.util.Set;

/** A client that has proved it knows its secret. */
public record AuthenticatedClient(String clientId, Set<ClientOperation> operations) {

    public AuthenticatedClient {
        operations = Set.copyOf(operations);
    }

    public boolean may(ClientOperation operation) {
        return operations.contains(operation);
    }
}
