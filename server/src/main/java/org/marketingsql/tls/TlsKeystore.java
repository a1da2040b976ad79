package org.marketingsql.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;

/**
 * The server's TLS key and certificate, as a PKCS#12 keystore (what {@code keytool} and
 * {@code openssl pkcs12 -export} write). When set, the server requires TLS from every client.
 */
public record TlsKeystore(Path path, char[] password) {
  /** TLS 1.2 or newer only, on every port that uses the keystore: older versions have known weaknesses. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  public TlsKeystore {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(password, "password");
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("TLS keystore " + path + " does not exist");
    }
  }

  /** Loads the keystore; says which file failed and why. */
  public SslContext context() {
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      return SslContextBuilder.forServer(kmf).protocols(PROTOCOLS).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read TLS keystore " + path + " (wrong password?)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("TLS keystore " + path + " is not a usable PKCS#12 key store: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "TlsKeystore[" + path + "]"; // never the password
  }

}
