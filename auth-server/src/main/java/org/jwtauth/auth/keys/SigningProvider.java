package org.jwtauth.auth.keys;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.security.Provider;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The JCA provider access tokens are signed with. An RS256 signature is the largest single cost of a
 * refresh, and the JDK's pure-Java RSA takes about 1 ms of CPU for it; the Amazon Corretto Crypto
 * Provider (AWS-LC, native) takes about a quarter of that, which is what lets one auth server on two
 * cores refresh 1,000 tokens a second.
 * <p>
 * Used only for signing with the RSASSA-PKCS1-v1_5 algorithms (RS256/384/512): their signatures are
 * deterministic, byte for byte what the JDK produces, so nothing a client or resource service sees
 * changes. It is not installed as a JVM-wide provider: TLS, SecureRandom, key generation, the
 * master-key encryption and every verification stay with the JDK. Where the native library cannot
 * load (not Linux x86-64, a read-only temporary directory) or fails its self-tests, or with
 * {@code auth.keys.native-signing=false}, the JDK signs, as before.
 */
@Component
public class SigningProvider {

    private static final Logger log = LoggerFactory.getLogger(SigningProvider.class);

    /** Deterministic signatures: the native provider's output equals the JDK's. */
    static final Set<String> NATIVE_ALGORITHMS = Set.of("RS256", "RS384", "RS512");

    private final boolean nativeSigning;
    private final Supplier<Optional<Provider>> loader;
    /** Completes with the native provider, or empty; until then the JDK signs. */
    private final CompletableFuture<Optional<Provider>> nativeProvider = new CompletableFuture<>();
    private final AtomicBoolean loadStarted = new AtomicBoolean();

    @Autowired
    public SigningProvider(KeysProperties properties) {
        this(properties.nativeSigning(), SigningProvider::amazonCorrettoCryptoProvider);
    }

    /**
     * Loading the native library (extracting it, running its self-tests) takes a few hundred ms of CPU:
     * it starts with the first signature, on a thread of its own, so that it neither delays nor
     * competes with the start-up; the JDK signs until it is ready (the signatures are the same).
     */
    SigningProvider(boolean nativeSigning, Supplier<Optional<Provider>> loader) {
        this.nativeSigning = nativeSigning;
        this.loader = loader;
        if (!nativeSigning) {
            nativeProvider.complete(Optional.empty());
        }
    }

    /** @return the provider to sign with for this JWS algorithm, or empty for the JDK's default */
    public Optional<Provider> forAlgorithm(String algorithm) {
        if (!NATIVE_ALGORITHMS.contains(algorithm)) {
            return Optional.empty();
        }
        startLoading();
        return nativeProvider.getNow(Optional.empty());
    }

    /** Waits until the native provider has loaded or is known to be unavailable (for tests). */
    Optional<Provider> awaitNative() {
        startLoading();
        return nativeProvider.join();
    }

    private void startLoading() {
        if (!nativeSigning || !loadStarted.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            Optional<Provider> provider = Optional.empty();
            try {
                provider = loader.get();
            } finally {
                nativeProvider.complete(provider);
            }
            if (provider.isPresent()) {
                log.info("RS256/RS384/RS512 access tokens are signed by {} (native); set auth.keys.native-signing=false for the JDK",
                        provider.get().getName());
            } else {
                log.info("Access tokens are signed by the JDK (the native provider is not available on this platform)");
            }
        }, "native-signing-loader");
        thread.setDaemon(true);
        thread.start();
    }

    /** ACCP if its native library loaded and its self-tests pass; never throws. */
    static Optional<Provider> amazonCorrettoCryptoProvider() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() != null) {
                log.warn("The native signing provider could not load, the JDK signs instead: {}", provider.getLoadingError().toString());
                return Optional.empty();
            }
            provider.assertHealthy();
            return Optional.of(provider);
        } catch (RuntimeException | LinkageError e) {
            log.warn("The native signing provider is unusable, the JDK signs instead: {}", e.toString());
            return Optional.empty();
        }
    }
}
