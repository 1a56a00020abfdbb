package org.jwtauth.auth.keys;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.security.KeyPair;
import java.security.Provider;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class SigningProviderTest {

    private static final KeyPair RSA = Jwts.SIG.RS256.keyPair().build();

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
    void onLinuxX8664Rs256IsSignedNatively() {
        SigningProvider signing = new SigningProvider(KeysProperties.defaults());
        signing.awaitNative();

        assertThat(signing.forAlgorithm("RS256")).get().extracting(Provider::getName).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(signing.forAlgorithm("RS512")).isPresent();
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
    void theNativeSignatureIsByteForByteTheJdksAndVerifiesWithTheJdk() {
        Provider provider = SigningProvider.amazonCorrettoCryptoProvider().orElseThrow();
        Date at = new Date(1_700_000_000_000L);
        String jdk = token(null, at);
        String nativeSigned = token(provider, at);

        assertThat(nativeSigned).isEqualTo(jdk);
        assertThat(Jwts.parser().verifyWith(RSA.getPublic()).clock(() -> at).build()
                .parseSignedClaims(nativeSigned).getPayload().getSubject()).isEqualTo("alice");
    }

    @Test
    void switchedOffTheJdkSigns() {
        SigningProvider signing = new SigningProvider(false, () -> {
            throw new AssertionError("must not even load the native provider");
        });

        assertThat(signing.forAlgorithm("RS256")).isEmpty();
    }

    @Test
    void onlyTheDeterministicRsaAlgorithmsGoNative() {
        Provider fake = new Provider("Fake", "1", "test") {
        };
        SigningProvider signing = new SigningProvider(true, () -> Optional.of(fake));
        signing.awaitNative();

        assertThat(signing.forAlgorithm("RS256")).contains(fake);
        assertThat(signing.forAlgorithm("RS384")).contains(fake);
        assertThat(signing.forAlgorithm("ES256")).isEmpty();
        assertThat(signing.forAlgorithm("EdDSA")).isEmpty();
        assertThat(signing.forAlgorithm("PS256")).isEmpty();
    }

    @Test
    void withoutTheNativeLibraryTheJdkSigns() {
        SigningProvider signing = new SigningProvider(true, Optional::empty);
        signing.awaitNative();

        assertThat(signing.forAlgorithm("RS256")).isEmpty();
    }

    @Test
    void whileTheNativeProviderLoadsTheJdkSigns() throws InterruptedException {
        Provider fake = new Provider("Fake", "1", "test") {
        };
        CountDownLatch loading = new CountDownLatch(1);
        SigningProvider signing = new SigningProvider(true, () -> {
            try {
                loading.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(fake);
        });

        assertThat(signing.forAlgorithm("RS256")).isEmpty(); // starts the loading
        loading.countDown();
        signing.awaitNative();
        assertThat(signing.forAlgorithm("RS256")).contains(fake);
    }

    private static String token(Provider provider, Date at) {
        var builder = Jwts.builder();
        if (provider != null) {
            builder.provider(provider);
        }
        return builder.header().keyId("k1").and()
                .subject("alice").issuedAt(at).expiration(new Date(at.getTime() + 600_000))
                .signWith(RSA.getPrivate(), Jwts.SIG.RS256)
                .compact();
    }
}
