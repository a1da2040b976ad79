package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;

/** {@code serve}'s refusals: each says what to fix and exits non-zero before listening. */
@ExtendWith(IsolatedHome.class)
class ServeCommandTest {
  @TempDir
  Path temp;
  PrintStream stderr = System.err;
  ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void captureStderr() {
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStderr() {
    System.setErr(stderr);
  }

  @Test
  void aKeystoreWithoutItsPasswordVariableIsRefusedNamingTheVariable() throws Exception {
    Path keystore = Files.writeString(temp.resolve("k.p12"), "x");
    int code = Main.run("serve", "--demo", "--pg-port", "0", "--users", temp.resolve("users").toString(),
        "--tls-keystore", keystore.toString(), "--tls-password-env", "NO_SUCH_VARIABLE_FOR_THIS_TEST");
    assertEquals(2, code);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("NO_SUCH_VARIABLE_FOR_THIS_TEST"), text);
    assertTrue(text.contains("marketing-sql users add"), "an empty users file is pointed out: " + text);
  }

  @Test
  void choosingTwoDataSourcesIsRefused() {
    assertEquals(2, Main.run("serve", "--demo", "--csv", temp.toString(), "--users", temp.resolve("users").toString()));
  }
}
