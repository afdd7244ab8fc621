package org.redvest.terminal.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A network namespace joined to the host by a veth pair, addresses on the veth only
 * (10.231.N.1 host side, 10.231.N.2 inside), so a terminal process inside can reach the hub
 * only over a link the test can cut, slow down or make lossy. Needs root and iproute2.
 */
final class NetNs implements AutoCloseable {
  private final String name;
  private final String hostIf;
  private final String nsIf;
  private final String hostAddress;

  private NetNs(int n) {
    this.name = "rvfaults" + n;
    this.hostIf = "rvfh" + n;
    this.nsIf = "rvft" + n;
    this.hostAddress = "10.231." + n + ".1";
  }

  /** Creates the namespace, or skips (fails under REDVEST_REQUIRE_TESTDATA=1) naming what is missing. */
  static NetNs create() {
    Faults.requireRoot("network namespace faults");
    Faults.requireThat(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
        "iproute2 (ip) is not installed: apt-get install iproute2");
    int n = 1 + (int) (ProcessHandle.current().pid() % 200);
    NetNs ns = new NetNs(n);
    ns.delete();
    boolean ok = Faults.run("ip", "netns", "add", ns.name) == 0
        && Faults.run("ip", "link", "add", ns.hostIf, "type", "veth", "peer", "name", ns.nsIf) == 0
        && Faults.run("ip", "link", "set", ns.nsIf, "netns", ns.name) == 0
        && Faults.run("ip", "addr", "add", ns.hostAddress + "/30", "dev", ns.hostIf) == 0
        && Faults.run("ip", "link", "set", ns.hostIf, "up") == 0
        && ns.exec("ip", "addr", "add", "10.231." + n + ".2/30", "dev", ns.nsIf) == 0
        && ns.exec("ip", "link", "set", ns.nsIf, "up") == 0
        && ns.exec("ip", "link", "set", "lo", "up") == 0;
    if (!ok) {
      ns.delete();
    }
    Faults.requireThat(ok, "cannot create network namespace " + ns.name + " with a veth pair"
        + " (needs root and CONFIG_NET_NS / veth)");
    return ns;
  }

  String hostAddress() {
    return hostAddress;
  }

  /** The prefix that runs a command inside the namespace. */
  List<String> prefix() {
    return List.of("ip", "netns", "exec", name);
  }

  int exec(String... command) {
    String[] full = new String[command.length + 4];
    full[0] = "ip";
    full[1] = "netns";
    full[2] = "exec";
    full[3] = name;
    System.arraycopy(command, 0, full, 4, command.length);
    return Faults.run(full);
  }

  void cut() {
    Faults.run("ip", "link", "set", hostIf, "down");
  }

  void restore() {
    Faults.run("ip", "link", "set", hostIf, "up");
  }

  /** Shapes the terminal's outgoing link; returns false when the qdisc is not in the kernel. */
  boolean qdisc(String... spec) {
    String[] full = new String[spec.length + 6];
    System.arraycopy(new String[] {"tc", "qdisc", "replace", "dev", nsIf, "root"}, 0, full, 0, 6);
    System.arraycopy(spec, 0, full, 6, spec.length);
    String[] inNs = new String[full.length + 4];
    System.arraycopy(new String[] {"ip", "netns", "exec", name}, 0, inNs, 0, 4);
    System.arraycopy(full, 0, inNs, 4, full.length);
    boolean terminalSide = Faults.run(inNs) == 0;
    full[4] = hostIf;
    return terminalSide && Faults.run(full) == 0;
  }

  private void delete() {
    Faults.run("ip", "link", "del", hostIf);
    Faults.run("ip", "netns", "del", name);
  }

  @Override
  public void close() {
    delete();
  }
}
