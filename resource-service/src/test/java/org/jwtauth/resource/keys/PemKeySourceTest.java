package org.jwtauth.resource.keys;

import io.jsonwebtoken.Jwts;
import org.jwtauth.resource.support.TestKey;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.PemKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PemKeySourceTest {

    @TempDir
    Path dir;

    @Test
    void loadsAPemPublicKeyThatMatchesAnyKid() throws Exception {
        TestKey key = TestKey.generate();
        Path file = Files.writeString(dir.resolve("public.pem"), PemKeys.encode(key.publicKey()));

        PemKeySource source = PemKeySource.load(file, "RS256");

        assertThat(source.kid()).isEqualTo(JwkKeys.thumbprintKid(key.publicKey()));
        assertThat(source.find("whatever")).hasValueSatisfying(k -> {
            assertThat(k.publicKey()).isEqualTo(key.publicKey());
            assertThat(k.algorithm()).isEqualTo("RS256");
        });
        assertThat(source.find(null)).isPresent();
        assertThat(source.keyIds()).containsExactly(source.kid());
        assertThat(source.lastSuccessfulFetch()).isEmpty();
    }

    @Test
    void missingFileFailsWithItsPath() {
        Path missing = dir.resolve("nope.pem");
        assertThatIllegalStateException()
                .isThrownBy(() -> PemKeySource.load(missing, "RS256"))
                .withMessageContaining("resource.public-key-file")
                .withMessageContaining(missing.toString());
    }

    @Test
    void garbageFailsWithItsPath() throws Exception {
        Path file = Files.writeString(dir.resolve("garbage.pem"), "hello");
        assertThatIllegalStateException()
                .isThrownBy(() -> PemKeySource.load(file, "RS256"))
                .withMessageContaining(file.toString())
                .withMessageContaining("PEM");
    }

    @Test
    void keyTypeMustFitTheAlgorithm() throws Exception {
        Path rsa = Files.writeString(dir.resolve("rsa.pem"), PemKeys.encode(TestKey.generate().publicKey()));
        Path ec = Files.writeString(dir.resolve("ec.pem"), PemKeys.encode(Jwts.SIG.ES256.keyPair().build().getPublic()));

        assertThatIllegalStateException().isThrownBy(() -> PemKeySource.load(rsa, "ES256"))
                .withMessageContaining("resource.public-key-algorithm");
        assertThatIllegalStateException().isThrownBy(() -> PemKeySource.load(ec, "RS256"));
        assertThat(PemKeySource.load(ec, "ES256").find(null)).isPresent();
    }
}
