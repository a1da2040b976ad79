package org.marketingsql.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of its own joined to this machine's by a pair of virtual Ethernet links, as a second machine
 * on a cable: a process started in it ({@link #command}) reaches this machine at {@link #hostAddress()} and is
 * reached at {@link #innerAddress()}, through the link and not the loopback. {@link #cutCable()} takes its end
 * of the link down: from then on what either side sends is lost without a word (no FIN, no RST, no ICMP), as when
 * a machine loses its power or its network, and only TCP's own timeouts can tell. Closing deletes the namespace
 * with its link. Needs {@code ip} (iproute2) and root; without either the test is skipped, or fails under
 * {@code MARKETINGSQL_REQUIRE_TOOLS=1} ({@link Tools#require}).
 */
public final class NetworkNamespace implements AutoCloseable {
  private static final Path IP = Path.of("/usr/sbin/ip");
  private static final Path IP_ALSO = Path.of("/sbin/ip");

  private final String ip;
  private final String name;
  private final String hostLink;
  private final String innerLink;
  private final String hostAddress;
  private final String innerAddress;
  private boolean created;

  private NetworkNamespace(String ip, long id) {
    this.ip = ip;
    String tag = Long.toString(id % 1_000_000, 36).toLowerCase(Locale.ROOT);
    this.name = "marketingsql-" + tag;
    this.hostLink = "msql" + tag + "h";
    this.innerLink = "msql" + tag + "i";
    // a /30 of 10.231.0.0/16 of this process: two test runs at once take different ones
    int block = (int) (id % 16_384);
    String prefix = "10.231." + (block / 64) + ".";
    this.hostAddress = prefix + (block % 64 * 4 + 1);
    this.innerAddress = prefix + (block % 64 * 4 + 2);
  }

  /** Creates the namespace and its link, up, with an address at each end. */
  public static NetworkNamespace create() throws IOException, InterruptedException {
    String ip = Files.isExecutable(IP) ? IP.toString() : Files.isExecutable(IP_ALSO) ? IP_ALSO.toString() : null;
    Tools.require(ip != null, "iproute2 is not installed (apt-get install iproute2; looked for " + IP + ")");
    Tools.require(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
        "a network namespace can only be made as root");
    NetworkNamespace namespace = new NetworkNamespace(ip, ProcessHandle.current().pid());
    namespace.make();
    return namespace;
  }

  private void make() throws IOException, InterruptedException {
    run(List.of(ip, "netns", "add", name));
    created = true;
    run(List.of(ip, "link", "add", hostLink, "type", "veth", "peer", "name", innerLink));
    run(List.of(ip, "link", "set", innerLink, "netns", name));
    run(List.of(ip, "addr", "add", hostAddress + "/30", "dev", hostLink));
    run(List.of(ip, "link", "set", hostLink, "up"));
    run(inside(List.of(ip, "addr", "add", innerAddress + "/30", "dev", innerLink)));
    run(inside(List.of(ip, "link", "set", innerLink, "up")));
    run(inside(List.of(ip, "link", "set", "lo", "up")));
    // each side knows the other's hardware address for good: once the cable is cut, packets are lost, and no
    // failed neighbour lookup reports "no route to host" to the sender in their place
    run(List.of(ip, "neigh", "replace", innerAddress, "lladdr", linkAddress(true), "dev", hostLink, "nud", "permanent"));
    run(inside(List.of(ip, "neigh", "replace", hostAddress, "lladdr", linkAddress(false), "dev", innerLink, "nud",
        "permanent")));
  }

  /** This machine's address on the link, which processes in the namespace connect to. */
  public String hostAddress() {
    return hostAddress;
  }

  /** The namespace's address on the link, where its processes' connections come from. */
  public String innerAddress() {
    return innerAddress;
  }

  /** {@code command}, run in the namespace (as {@code ip netns exec} runs it). */
  public List<String> command(List<String> command) {
    return inside(command);
  }

  /** Takes the namespace's end of the link down: packets either way are lost from now on, silently. */
  public void cutCable() throws IOException, InterruptedException {
    run(inside(List.of(ip, "link", "set", innerLink, "down")));
  }

  private List<String> inside(List<String> command) {
    List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", name));
    full.addAll(command);
    return full;
  }

  private String linkAddress(boolean inner) throws IOException, InterruptedException {
    List<String> show = inner ? inside(List.of(ip, "-o", "link", "show", innerLink))
        : List.of(ip, "-o", "link", "show", hostLink);
    String line = run(show);
    int at = line.indexOf("link/ether ");
    if (at < 0) {
      throw new IOException("no hardware address in the output of " + String.join(" ", show) + ": " + line);
    }
    return line.substring(at + "link/ether ".length()).split("\\s+")[0];
  }

  /** Deletes the link (both its ends) and the namespace. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (!created) {
      return;
    }
    created = false;
    IOException failed = null;
    for (List<String> command : List.of(List.of(ip, "link", "del", hostLink), List.of(ip, "netns", "del", name))) {
      try {
        run(command);
      } catch (IOException e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** Runs {@code command}; its output, or an IOException with it when it fails. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("marketingsql-netns-", ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 30 s");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue() + ": " + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
