package org.jwtauth.resource.revocation;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RevokedUsersTest {

    private static final Instant T = Instant.parse("2030-01-01T00:10:00Z");

    private final RevokedUsers revoked = new RevokedUsers();

    @Test
    void tokensIssuedAtOrBeforeTheRevocationAreRevokedLaterOnesAreNot() {
        revoked.revoke("alice", T);

        assertThat(revoked.isRevoked("alice", T.minusSeconds(60))).isTrue();
        assertThat(revoked.isRevoked("alice", T)).as("same second: iat <= revoked_at").isTrue();
        assertThat(revoked.isRevoked("alice", T.plusSeconds(1))).as("issued after re-enabling").isFalse();
        assertThat(revoked.isRevoked("bob", T.minusSeconds(60))).isFalse();
    }

    @Test
    void aTokenWithoutIatOfARevokedUserCannotProveItIsNewer() {
        revoked.revoke("alice", T);

        assertThat(revoked.isRevoked("alice", null)).isTrue();
        assertThat(revoked.isRevoked("bob", null)).isFalse();
        assertThat(revoked.isRevoked(null, T)).isFalse();
    }

    @Test
    void theLatestRevocationWinsWhateverTheOrder() {
        revoked.revoke("alice", T);
        revoked.revoke("alice", T.minusSeconds(300));

        assertThat(revoked.isRevoked("alice", T.minusSeconds(1))).isTrue();

        revoked.revoke("alice", T.plusSeconds(300));
        assertThat(revoked.isRevoked("alice", T.plusSeconds(299))).isTrue();
        assertThat(revoked.size()).isEqualTo(1);
    }

    @Test
    void forgetsOnlyRevocationsBeforeTheCutoff() {
        revoked.revoke("old", T.minusSeconds(3600));
        revoked.revoke("recent", T);

        assertThat(revoked.forgetBefore(T.minusSeconds(60))).isEqualTo(1);

        assertThat(revoked.isRevoked("old", T.minusSeconds(7200))).isFalse();
        assertThat(revoked.isRevoked("recent", T)).isTrue();
        assertThat(revoked.size()).isEqualTo(1);
    }
}
