package org.jwtauth.auth.keys;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts private keys for the database with AES-256-GCM (the JDK's own implementation): a random
 * 96-bit nonce per encryption and the key's {@code kid} as associated data, so a ciphertext copied
 * onto another row does not decrypt. A wrong master key fails the GCM tag check instead of yielding
 * garbage. Stored form: {@code v1:<base64(nonce || ciphertext || tag)>}.
 */
public final class MasterKey {

    static final String FILE_NAME = "master.key";
    private static final String VERSION = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String source;

    private MasterKey(byte[] key, String source) {
        this.key = new SecretKeySpec(key, "AES");
        this.source = source;
    }

    /**
     * The configured {@code auth.keys.master-key}, or else the one in {@code <keysDir>/master.key},
     * generated there once (owner-only, written atomically) when it does not exist yet.
     */
    public static MasterKey resolve(KeysProperties properties, Path keysDir) {
        if (properties.masterKeyConfigured()) {
            return new MasterKey(decode(properties.masterKey().strip(), "auth.keys.master-key"), "auth.keys.master-key");
        }
        Path file = keysDir.resolve(FILE_NAME);
        String source = "the master key file " + file + " (auth.keys.master-key is not set)";
        try {
            KeyFiles.createPrivateDirectory(keysDir);
            if (!Files.exists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                RANDOM.nextBytes(fresh);
                KeyFiles.writeOnce(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            }
            return new MasterKey(decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString()), source);
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("Cannot read or write the master key file " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the master key file " + file, e);
        }
    }

    /** For tests and tools: a master key from its base64 form. */
    public static MasterKey of(String base64) {
        return new MasterKey(decode(base64, "master key"), "a given master key");
    }

    /** A fresh random master key in its configuration form (base64 of 32 bytes). */
    public static String generateBase64() {
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        return Base64.getEncoder().encodeToString(fresh);
    }

    /** Where this key came from, for error messages; never the key itself. */
    public String source() {
        return source;
    }

    public String encrypt(String kid, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, kid);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * @throws WrongMasterKeyException when the tag does not verify: another master key, a damaged value,
     *                                 or a ciphertext that belongs to another kid
     */
    public byte[] decrypt(String kid, String stored) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new WrongMasterKeyException("the stored private key of " + kid + " is not in the expected encrypted form");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new WrongMasterKeyException("the stored private key of " + kid + " is not valid base64");
        }
        if (in.length <= NONCE_BYTES + TAG_BITS / 8) {
            throw new WrongMasterKeyException("the stored private key of " + kid + " is too short");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(in, NONCE_BYTES), kid);
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new WrongMasterKeyException("the private key of " + kid + " does not decrypt with " + source);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String kid) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] decode(String base64, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // Never echo the value: it is (meant to be) a secret.
            throw new IllegalStateException(what + " is not valid base64; it must be the base64 of 32 random bytes"
                    + " (e.g. openssl rand -base64 32)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(what + " must be the base64 of exactly 32 random bytes (AES-256), got "
                    + bytes.length + " bytes (e.g. openssl rand -base64 32)");
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "MasterKey[" + source + "]";
    }

    /** The master key cannot decrypt a stored private key. */
    public static final class WrongMasterKeyException extends IllegalStateException {
        WrongMasterKeyException(String message) {
            super(message);
        }
    }
}
