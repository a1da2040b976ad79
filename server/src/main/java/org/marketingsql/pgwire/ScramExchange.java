package org.marketingsql.pgwire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.marketingsql.users.ScramVerifier;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) without channel binding.
 * An unknown user gets its made-up verifier ({@link org.marketingsql.users.DecoyVerifiers}): the same
 * salt for the same name every time, of the length and iteration count of a real one, so the exchange
 * looks like a real user's and fails only at the proof, after the same work.
 */
final class ScramExchange {
  private final ScramVerifier verifier;
  private final boolean known;
  private final SecureRandom random;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;
  private String gs2Header;

  /** {@code decoy} is the name's made-up verifier, used when {@code verifier} is empty. */
  ScramExchange(Optional<ScramVerifier> verifier, ScramVerifier decoy, SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
    Objects.requireNonNull(decoy, "decoy");
    this.known = verifier.isPresent();
    this.verifier = verifier.orElse(decoy);
  }

  /** Answers client-first-message ({@code n,,n=user,r=nonce}) with server-first-message. */
  String serverFirst(String clientFirst) throws PgException {
    if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
      throw new PgException("28000", "SCRAM channel binding is not supported; connect without it");
    }
    int bareAt = clientFirst.indexOf(',', 2);
    if (bareAt < 0) {
      throw new PgException("08P01", "malformed SCRAM client-first-message");
    }
    gs2Header = clientFirst.substring(0, bareAt + 1);
    clientFirstBare = clientFirst.substring(bareAt + 1);
    String clientNonce = attributes(clientFirstBare).get('r');
    if (clientNonce == null || clientNonce.isEmpty()) {
      throw new PgException("08P01", "SCRAM client-first-message without a nonce");
    }
    byte[] serverNonce = new byte[18];
    random.nextBytes(serverNonce);
    nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i="
        + verifier.iterations();
    return serverFirst;
  }

  /**
   * Checks client-final-message ({@code c=…,r=…,p=proof}) against StoredKey; answers server-final-message
   * ({@code v=ServerSignature}) when the proof is right, empty when it is not.
   */
  Optional<String> serverFinal(String clientFinal) throws PgException {
    if (serverFirst == null) {
      throw new PgException("08P01", "SCRAM client-final-message before client-first-message");
    }
    int proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0) {
      throw new PgException("08P01", "SCRAM client-final-message without a proof");
    }
    String withoutProof = clientFinal.substring(0, proofAt);
    Map<Character, String> attrs = attributes(withoutProof);
    String binding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
    if (!binding.equals(attrs.get('c')) || !nonce.equals(attrs.get('r'))) {
      throw new PgException("08P01", "SCRAM client-final-message does not match the exchange");
    }
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      throw new PgException("08P01", "SCRAM proof is not base64", e);
    }
    byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
    byte[] clientSignature = ScramVerifier.hmac(verifier.storedKey(), authMessage);
    if (proof.length != clientSignature.length) {
      return Optional.empty();
    }
    byte[] clientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
    }
    if (!MessageDigest.isEqual(ScramVerifier.sha256(clientKey), verifier.storedKey()) || !known) {
      return Optional.empty();
    }
    byte[] serverSignature = ScramVerifier.hmac(verifier.serverKey(), authMessage);
    return Optional.of("v=" + Base64.getEncoder().encodeToString(serverSignature));
  }

  private static Map<Character, String> attributes(String message) {
    Map<Character, String> out = new HashMap<>();
    for (String part : message.split(",")) {
      if (part.length() >= 2 && part.charAt(1) == '=') {
        out.putIfAbsent(part.charAt(0), part.substring(2));
      }
    }
    return out;
  }
}
