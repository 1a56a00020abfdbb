package org.jwtauth.auth.keys;

import io.jsonwebtoken.Jwts;
import org.jwtauth.auth.AuthServerLauncher;
import org.jwtauth.auth.Http;
import org.jwtauth.auth.user.UserRepository;
import org.jwtauth.token.AccessTokenFormat;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.PemKeys;
import org.jwtauth.token.VerificationKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory of the previous version, which kept its key in keys/signing-key.pem: the first
 * start imports that key, so a token it signed before the upgrade is still accepted afterwards.
 */
class UpgradeFromPemKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void theKeyOfThePreviousVersionIsImportedAndItsTokensStayValid() throws Exception {
        KeyPair legacy = KeyPairs.generate("RS256");
        Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(dataDir.resolve("keys/signing-key.pem"), PemKeys.encode(legacy.getPrivate()) + PemKeys.encode(legacy.getPublic()));
        String legacyKid = JwkKeys.thumbprintKid(legacy.getPublic());

        try (ConfigurableApplicationContext server = AuthServerLauncher.start(dataDir)) {
            Http http = new Http(server.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            // An admin token as the previous version would have signed it (the admin API checks its user).
            UUID adminId = server.getBean(UserRepository.class).findByUsername("admin").orElseThrow().id();
            Instant now = Instant.now();
            String adminTokenFromBeforeTheUpgrade = Jwts.builder().header().keyId(legacyKid).type(AccessTokenFormat.TYPE).and()
                    .issuer("http://localhost:9000").subject(adminId.toString()).audience().add("http://localhost:9000/admin").and()
                    .issuedAt(Date.from(now)).notBefore(Date.from(now)).expiration(Date.from(now.plus(Duration.ofMinutes(10))))
                    .id(UUID.randomUUID().toString())
                    .claim(AccessTokenFormat.CLAIM_USERNAME, "admin").claim(AccessTokenFormat.CLAIM_ROLES, List.of("USER", "ADMIN"))
                    .signWith(legacy.getPrivate(), Jwts.SIG.RS256).compact();

            assertThat(http.get("/admin/users", adminTokenFromBeforeTheUpgrade).status()).isEqualTo(200);
            assertThat(JwkKeys.parseJwkSet(http.get("/.well-known/jwks.json").body())).extracting(VerificationKey::kid)
                    .contains(legacyKid);
            Http.Response keys = http.get("/admin/keys", adminTokenFromBeforeTheUpgrade);
            List<String> active = new java.util.ArrayList<>();
            keys.json().forEach(k -> {
                if (k.get("state").asText().equals("active")) {
                    active.add(k.get("kid").asText());
                }
            });
            assertThat(active).containsExactly(legacyKid);
        }
    }
}
