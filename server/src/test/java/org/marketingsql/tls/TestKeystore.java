package org.marketingsql.tls;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.marketingsql.testing.IsolatedHome;

/**
 * A PKCS12 keystore with a self-signed certificate for {@code localhost} and {@code 127.0.0.1}, for a test class's
 * TLS ports, registered on a static field: made by the JDK's {@code keytool} in a folder of its own before the class's
 * first test (keytool is a JVM of its own, so once per class), deleted after its last. Its certificate is also what a
 * client trusts ({@link #file()} as the trust store).
 * <pre>
 * &#64;RegisterExtension
 * static final TestKeystore KEYS = new TestKeystore();   // KEYS.tls(), KEYS.file(), KEYS.password()
 * </pre>
 */
public final class TestKeystore implements BeforeAllCallback, AfterAllCallback {
  private static final String PASSWORD = "changeit";
  private Path folder;
  private Path file;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
    folder = Files.createTempDirectory("marketingsql-keys-");
    try {
      file = make(folder.resolve("server.p12"));
    } catch (IOException | InterruptedException | RuntimeException e) {
      IsolatedHome.deleteTree(folder);
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    file = null;
    if (folder != null) {
      IsolatedHome.deleteTree(folder);
      folder = null;
    }
  }

  private static Path make(Path file) throws IOException, InterruptedException {
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    if (!keytool.waitFor(60, TimeUnit.SECONDS)) {
      keytool.destroyForcibly();
      throw new IOException("keytool did not make " + file + " within 60 s");
    }
    String output = new String(keytool.getInputStream().readAllBytes(), Charset.defaultCharset());
    if (keytool.exitValue() != 0) {
      throw new IOException("keytool failed with exit code " + keytool.exitValue() + " making " + file + ": " + output);
    }
    return file;
  }

  /** The keystore's file. */
  public Path file() {
    if (file == null) {
      throw new IllegalStateException("the test keystore is made before the class's tests: register it on a static field");
    }
    return file;
  }

  /** The password of the keystore and of its key. */
  public String password() {
    return PASSWORD;
  }

  /** The keystore as the ports take it. */
  public TlsKeystore tls() {
    return new TlsKeystore(file(), PASSWORD.toCharArray());
  }
}
