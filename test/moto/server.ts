import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** A moto_server child process on a free loopback port. */
export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
  /** Lets the process exit while moto runs (a bench that stops it in an `exit` handler). */
  unref(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `moto_server` (must be on PATH) and resolves once it answers HTTP.
 * Readiness is polled, not timed: the test waits exactly as long as moto needs.
 */
export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const child: ChildProcess = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    // AWS-managed IAM policies (AWSSupportAccess, …) exist only when moto is asked to load them.
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.once("error", () => undefined);
  const endpoint = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    const early = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(r, 100, undefined))]);
    if (early !== undefined) throw new Error(`moto_server exited (${early}) before it was ready: ${stderr}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 600) {
      child.kill("SIGKILL");
      throw new Error(`moto_server did not answer on ${endpoint}: ${stderr}`);
    }
  }
  return {
    endpoint,
    unref() {
      child.unref();
      child.stderr?.removeAllListeners("data");
      (child.stderr as { unref?: () => void } | null)?.unref?.();
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Credentials moto accepts; the SDK default chain reads them from the environment. */
export function setMotoCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = "testing";
  process.env.AWS_SECRET_ACCESS_KEY = "testing";
  process.env.AWS_SESSION_TOKEN = "testing";
  process.env.AWS_REGION = "us-east-1";
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  delete process.env.AWS_PROFILE;
}
