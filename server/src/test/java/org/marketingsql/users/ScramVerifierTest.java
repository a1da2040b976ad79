package org.marketingsql.users;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The verifier against RFC 7677's worked example, and its PostgreSQL text form. */
class ScramVerifierTest {
  private static final Base64.Decoder B64 = Base64.getDecoder();

  @Test
  void theVerifierChecksTheClientProofAndSignsAsInRfc7677() {
    ScramVerifier v = ScramVerifier.derive("pencil".toCharArray(), B64.decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
    String authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
        + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
        + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    byte[] message = authMessage.getBytes(StandardCharsets.UTF_8);
    byte[] proof = B64.decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    byte[] signature = ScramVerifier.hmac(v.storedKey(), message);
    byte[] clientKey = new byte[32];
    for (int i = 0; i < 32; i++) {
      clientKey[i] = (byte) (proof[i] ^ signature[i]);
    }
    assertArrayEquals(v.storedKey(), ScramVerifier.sha256(clientKey));
    assertEquals("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
        Base64.getEncoder().encodeToString(ScramVerifier.hmac(v.serverKey(), message)));
  }

  @Test
  void theTextFormRoundTripsAndMatchesOnlyItsPassword() {
    ScramVerifier v = ScramVerifier.create("s3cret".toCharArray(), new SecureRandom());
    String text = v.format();
    assertTrue(text.startsWith("SCRAM-SHA-256$4096:"), text);
    ScramVerifier back = ScramVerifier.parse(text);
    assertEquals(v, back);
    assertTrue(back.matches("s3cret".toCharArray()));
    assertFalse(back.matches("s3cret ".toCharArray()));
  }

  @Test
  void aVerifierInAnotherFormIsRefusedSayingWhatWasExpected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScramVerifier.parse("md5abcdef"));
    assertTrue(e.getMessage().contains("SCRAM-SHA-256$"), e.getMessage());
  }

  @Test
  void theStringFormNeverShowsKeys() {
    ScramVerifier v = ScramVerifier.create("s3cret".toCharArray(), new SecureRandom());
    assertFalse(v.toString().contains(Base64.getEncoder().encodeToString(v.storedKey())));
  }
}
