/**
 * A real rsyslogd for tests: its own config in a temp folder, UDP and TCP inputs on free loopback
 * ports, every message written to a file as `severity|app|msgid|structured-data|msg`.
 * Needs Debian's `rsyslog` package.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function freeUdpPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createSocket("udp4");
    s.bind(0, "127.0.0.1", () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Rsyslog {
  udpPort: number;
  tcpPort: number;
  /** Lines received so far. */
  lines(): string[];
  /** Waits (bounded) until at least n lines arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startRsyslog(): Promise<Rsyslog> {
  const dir = mkdtempSync(join(tmpdir(), "mamori-rsyslog-"));
  const udpPort = await freeUdpPort();
  const tcpPort = await freePort();
  const out = join(dir, "received.log");
  writeFileSync(
    join(dir, "rsyslog.conf"),
    `global(workDirectory="${dir}")
module(load="imudp")
module(load="imtcp")
template(name="mamori" type="string" string="%syslogseverity%|%app-name%|%msgid%|%structured-data%|%msg%\\n")
ruleset(name="in") {
  action(type="omfile" file="${out}" template="mamori" flushOnTXEnd="on" asyncWriting="off")
}
input(type="imudp" address="127.0.0.1" port="${udpPort}" ruleset="in")
input(type="imtcp" address="127.0.0.1" port="${tcpPort}" ruleset="in")
`,
  );
  const child: ChildProcess = spawn(
    "rsyslogd",
    ["-n", "-f", join(dir, "rsyslog.conf"), "-i", join(dir, "rsyslog.pid")],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += String(d)));
  const lines = () =>
    existsSync(out)
      ? readFileSync(out, "utf8")
          .split("\n")
          .filter((l) => l !== "")
      : [];
  // Ready when the TCP input accepts connections (both inputs start together).
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(tcpPort, "127.0.0.1", () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`rsyslogd did not start: ${stderr}`);
    await sleep(50);
  }
  return {
    udpPort,
    tcpPort,
    lines,
    async waitFor(n, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (lines().length < n && Date.now() < end) await sleep(50);
      return lines();
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
