package org.marketingsql.users;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a server keeps instead of a password: PostgreSQL's SCRAM-SHA-256 verifier
 * ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, RFC 5802 / 7677).
 * StoredKey lets the server check a client's proof; ServerKey lets it prove itself to the client.
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
  /** PostgreSQL's default; clients accept it and it keeps logins fast enough. */
  public static final int ITERATIONS = 4096;
  /** The salt length {@link #create} uses. */
  public static final int SALT_BYTES = 16;
  private static final String PREFIX = "SCRAM-SHA-256$";

  public ScramVerifier {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive, found " + iterations);
    }
    Objects.requireNonNull(salt, "salt");
    if (storedKey.length != 32 || serverKey.length != 32) {
      throw new IllegalArgumentException("StoredKey and ServerKey must be 32 bytes (SHA-256)");
    }
  }

  /** A new verifier for {@code password} with a fresh {@link #SALT_BYTES}-byte salt. */
  public static ScramVerifier create(char[] password, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return derive(password, salt, ITERATIONS);
  }

  static ScramVerifier derive(char[] password, byte[] salt, int iterations) {
    byte[] salted = saltedPassword(password, salt, iterations);
    byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
    byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
    return new ScramVerifier(iterations, salt, sha256(clientKey), serverKey);
  }

  /** Reads the PostgreSQL form; says what was expected when it is not that. */
  public static ScramVerifier parse(String text) {
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("expected a verifier starting with " + PREFIX + ", found '" + abbreviate(text) + "'");
    }
    String[] parts = text.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>");
    }
    String[] head = parts[0].split(":", -1);
    String[] keys = parts[1].split(":", -1);
    if (head.length != 2 || keys.length != 2) {
      throw new IllegalArgumentException("expected SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>");
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      return new ScramVerifier(Integer.parseInt(head[0]), b64.decode(head[1]), b64.decode(keys[0]), b64.decode(keys[1]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("verifier is not SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>: " + e.getMessage(), e);
    }
  }

  /** The PostgreSQL form, as {@code pg_authid.rolpassword} holds it. */
  public String format() {
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
        + b64.encodeToString(serverKey);
  }

  /** Whether {@code password} is the one this verifier was made from (for HTTP logins). */
  public boolean matches(char[] password) {
    ScramVerifier other = derive(password, salt, iterations);
    return MessageDigest.isEqual(storedKey, other.storedKey) && MessageDigest.isEqual(serverKey, other.serverKey);
  }

  @Override
  public String toString() {
    return "ScramVerifier[iterations=" + iterations + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScramVerifier v && format().equals(v.format());
  }

  @Override
  public int hashCode() {
    return format().hashCode();
  }

  static byte[] saltedPassword(char[] password, byte[] salt, int iterations) {
    try {
      // The JDK's PBKDF2 encodes the password as UTF-8, as SCRAM asks (SASLprep is not applied).
      PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
    }
  }

  /** HMAC-SHA-256, the SCRAM-SHA-256 HMAC. */
  public static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  /** SHA-256, the SCRAM-SHA-256 hash. */
  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "…" : text;
  }
}
