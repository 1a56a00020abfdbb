package org.jwtauth.token;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaticVerificationKeysTest {

    static final KeyPair A = Jwts.SIG.RS256.keyPair().build();
    static final KeyPair B = Jwts.SIG.ES256.keyPair().build();
    static final VerificationKey KEY_A = new VerificationKey("a", "RS256", A.getPublic());
    static final VerificationKey KEY_B = new VerificationKey("b", "ES256", B.getPublic());

    @Test
    void ofFindsKeysByKidOnly() {
        StaticVerificationKeys keys = StaticVerificationKeys.of(List.of(KEY_A, KEY_B));

        assertThat(keys.find("a")).contains(KEY_A);
        assertThat(keys.find("b")).contains(KEY_B);
        assertThat(keys.find("c")).isEmpty();
        assertThat(keys.find(null)).isEmpty();
        assertThat(keys.find("")).isEmpty();
        assertThat(keys.find("A")).isEmpty();
    }

    @Test
    void ofWithOneKeyDoesNotMatchAnyKid() {
        StaticVerificationKeys keys = StaticVerificationKeys.of(List.of(KEY_A));

        assertThat(keys.find("other")).isEmpty();
        assertThat(keys.find(null)).isEmpty();
    }

    @Test
    void ofIgnoresKeysWithoutKid() {
        StaticVerificationKeys keys = StaticVerificationKeys.of(List.of(new VerificationKey(null, "RS256", A.getPublic()), KEY_B));

        assertThat(keys.find(null)).isEmpty();
        assertThat(keys.find("b")).contains(KEY_B);
    }

    @Test
    void singleKeyMatchesEveryKid() {
        VerificationKey noKid = new VerificationKey(null, "RS256", A.getPublic());
        StaticVerificationKeys keys = StaticVerificationKeys.singleKey(noKid);

        assertThat(keys.find(null)).contains(noKid);
        assertThat(keys.find("anything")).contains(noKid);
    }

    @Test
    void ofIsDefensivelyCopied() {
        java.util.ArrayList<VerificationKey> list = new java.util.ArrayList<>(List.of(KEY_A));
        StaticVerificationKeys keys = StaticVerificationKeys.of(list);
        list.add(KEY_B);

        assertThat(keys.find("b")).isEmpty();
    }

    @Test
    void duplicateKidsAreRefused() {
        assertThatThrownBy(() -> StaticVerificationKeys.of(List.of(KEY_A, new VerificationKey("a", "ES256", B.getPublic()))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void verificationKeyRequiresAlgorithmAndKey() {
        assertThatThrownBy(() -> new VerificationKey("k", null, A.getPublic())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new VerificationKey("k", "RS256", null)).isInstanceOf(NullPointerException.class);
    }
}
