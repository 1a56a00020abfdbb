package org.jwtauth.token;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A fixed set of keys looked up by {@code kid}. With exactly one key and {@code matchAnyKid}, that
 * key verifies every token (a configured PEM file has no kid of its own); the signature check
 * still decides.
 */
public final class StaticVerificationKeys implements VerificationKeySource {

    private final Map<String, VerificationKey> byKid;
    private final VerificationKey single;

    private StaticVerificationKeys(Collection<VerificationKey> keys, boolean matchAnyKid) {
        this.byKid = keys.stream().filter(k -> k.kid() != null)
                .collect(Collectors.toUnmodifiableMap(VerificationKey::kid, Function.identity()));
        this.single = matchAnyKid && keys.size() == 1 ? keys.iterator().next() : null;
    }

    public static StaticVerificationKeys of(Collection<VerificationKey> keys) {
        return new StaticVerificationKeys(List.copyOf(keys), false);
    }

    public static StaticVerificationKeys singleKey(VerificationKey key) {
        return new StaticVerificationKeys(List.of(key), true);
    }

    @Override
    public Optional<VerificationKey> find(String kid) {
        if (single != null) {
            return Optional.of(single);
        }
        return kid == null ? Optional.empty() : Optional.ofNullable(byKid.get(kid));
    }
}
