package org.marketingsql.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A PostgreSQL client written down to the bytes, for tests that send what no real driver sends: any frame,
 * or nothing, and that stop reading whenever they like. Logs in with SCRAM-SHA-256.
 */
final class RawPgClient implements AutoCloseable {
  /** PBKDF2 is slow on purpose; hundreds of logins with one password need it once. */
  private static final Map<String, byte[]> SALTED = new ConcurrentHashMap<>();
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /** A message from the server. */
  record Message(char type, byte[] body) {
    /** An ErrorResponse's field, e.g. 'C' for the SQLSTATE, 'S' for the severity, 'M' for the text. */
    String field(char code) {
      int i = 0;
      while (i < body.length && body[i] != 0) {
        int end = i + 1;
        while (body[end] != 0) {
          end++;
        }
        if (body[i] == code) {
          return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
        }
        i = end + 1;
      }
      return null;
    }

    @Override
    public String toString() {
      return type == 'E' ? "E[" + field('S') + " " + field('C') + " " + field('M') + "]" : String.valueOf(type);
    }
  }

  RawPgClient(int port, int timeoutMillis) throws IOException {
    this(new Socket("127.0.0.1", port), timeoutMillis);
  }

  RawPgClient(Socket socket, int timeoutMillis) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(timeoutMillis);
    socket.setTcpNoDelay(true);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  Socket socket() {
    return socket;
  }

  /** A startup message for {@code user} to database marketing, with further {@code settings} as name, value, name, value …. */
  static byte[] startupMessage(String user, String... settings) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int[] version = {0, 3, 0, 0};
    for (int b : version) {
      body.write(b);
    }
    List<String> parameters = new ArrayList<>(List.of("user", user, "database", "marketing"));
    parameters.addAll(List.of(settings));
    for (String s : parameters) {
      body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      body.write(0);
    }
    body.write(0);
    return untyped(body.toByteArray());
  }

  /** An untyped message (startup, SSLRequest, CancelRequest): length, then the body. */
  static byte[] untyped(byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(4 + body.length).put(body).array();
  }

  /** A typed message: type, length, body. */
  static byte[] typed(char type, byte[] body) {
    return ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(4 + body.length).put(body).array();
  }

  static byte[] cstring(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[b.length + 1];
    System.arraycopy(b, 0, out, 0, b.length);
    return out;
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next message; null when the server closed the connection. Throws SocketTimeoutException when none came. */
  Message read() throws IOException {
    int type;
    try {
      type = in.read();
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      return null; // reset by the server
    }
    if (type < 0) {
      return null;
    }
    int length = in.readInt();
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message((char) type, body);
  }

  /** Messages up to and including ReadyForQuery, or up to a FATAL error or the end of the connection. */
  List<Message> untilReady() throws IOException {
    List<Message> got = new ArrayList<>();
    while (true) {
      Message m = read();
      if (m == null) {
        return got;
      }
      got.add(m);
      if (m.type() == 'Z' || (m.type() == 'E' && "FATAL".equals(m.field('S')))) {
        return got;
      }
    }
  }

  /** Whether the server closes the connection within the socket timeout, reading and dropping what it sends first. */
  boolean closedByServer() throws IOException {
    try {
      while (read() != null) {
        // what the server says before closing
      }
      return true;
    } catch (EOFException e) {
      return true;
    }
  }

  List<Message> query(String sql) throws IOException {
    send(typed('Q', cstring(sql)));
    return untilReady();
  }

  /** Logs in with SCRAM-SHA-256; returns what followed the last SASL message (ending with ReadyForQuery or an error). */
  List<Message> login(String user, String password, String... settings) throws IOException {
    send(startupMessage(user, settings));
    Message m = read();
    if (m == null || m.type() != 'R' || ByteBuffer.wrap(m.body()).getInt() != 10) {
      return m == null ? List.of() : List.of(m);
    }
    String clientNonce = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    String clientFirstBare = "n=,r=" + clientNonce;
    byte[] first = ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream initial = new ByteArrayOutputStream();
    initial.writeBytes(cstring("SCRAM-SHA-256"));
    initial.writeBytes(ByteBuffer.allocate(4).putInt(first.length).array());
    initial.writeBytes(first);
    send(typed('p', initial.toByteArray()));
    m = read();
    if (m == null || m.type() != 'R') {
      return m == null ? List.of() : List.of(m);
    }
    String serverFirst = new String(m.body(), 4, m.body().length - 4, StandardCharsets.UTF_8);
    Map<String, String> attrs = new HashMap<>();
    for (String part : serverFirst.split(",")) {
      attrs.put(part.substring(0, 1), part.substring(2));
    }
    String withoutProof = "c=biws,r=" + attrs.get("r");
    try {
      byte[] salted = SALTED.computeIfAbsent(password + "/" + attrs.get("s") + "/" + attrs.get("i"),
          k -> pbkdf2(password, Base64.getDecoder().decode(attrs.get("s")), Integer.parseInt(attrs.get("i"))));
      byte[] clientKey = hmac(salted, "Client Key");
      byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
      byte[] signature = hmac(storedKey, clientFirstBare + "," + serverFirst + "," + withoutProof);
      byte[] proof = new byte[clientKey.length];
      for (int i = 0; i < proof.length; i++) {
        proof[i] = (byte) (clientKey[i] ^ signature[i]);
      }
      send(typed('p', (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return untilReady();
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
  }

  static boolean readyIn(List<Message> messages) {
    return !messages.isEmpty() && messages.get(messages.size() - 1).type() == 'Z';
  }

  static String errorState(List<Message> messages) {
    return messages.stream().filter(m -> m.type() == 'E').map(m -> m.field('C')).findFirst().orElse(null);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
