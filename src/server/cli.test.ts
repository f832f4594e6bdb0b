/** `mamori serve` and `mamori token` as a person runs them: child processes, a real port, signals. */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const root = join(import.meta.dirname, "..", "..");
const bin = join(root, "src", "cli", "bin.ts");
const dataDir = mkdtempSync(join(tmpdir(), "mamori-serve-cli-"));
const { DATABASE_URL: _, ...env } = process.env;

function mamori(args: string[]) {
  const result = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), bin, ...args], {
    encoding: "utf8",
    env,
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `mamori serve` on a free port; resolves with its address and what it printed once it listens. */
function serve(): Promise<{ url: string; banner: string; stop: () => Promise<number | string | null> }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      import.meta.resolve("tsx"),
      bin,
      "serve",
      "--port",
      "0",
      "--data-dir",
      dataDir,
      "--no-detection",
    ],
    { env, stdio: ["ignore", "ignore", "pipe"] },
  );
  let text = "";
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      text += chunk;
      const url = /is serving (http:\/\/\S+)/.exec(text)?.[1];
      if (url && text.includes("Dashboard:"))
        resolve({
          url,
          banner: text,
          stop: () =>
            new Promise((done) => {
              child.on("exit", (code, signal) => done(code ?? signal));
              child.kill("SIGTERM");
            }),
        });
    });
    child.on("exit", (code) => reject(new Error(`mamori serve exited with ${code}: ${text}`)));
  });
}

describe("mamori serve and mamori token", () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it("prints an admin token on the first start only, and stops on SIGTERM with exit 0", async () => {
    const first = await serve();
    const token = /Admin token \(shown once, keep it safe\): (mamori_\S+)/.exec(first.banner)?.[1];
    assert.ok(token, first.banner);
    const health = await fetch(`${first.url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal((await fetch(`${first.url}/api/v1/me`)).status, 401);
    const me = await fetch(`${first.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.deepEqual(await me.json(), {
      name: "initial admin",
      role: "admin",
      version: (await import("../../package.json", { with: { type: "json" } })).default.version,
    });
    assert.equal(await first.stop(), 0);

    const second = await serve();
    assert.doesNotMatch(second.banner, /Admin token/);
    assert.equal(await second.stop(), 0);
  });

  it("creates, lists and revokes tokens; bad input is one line and exit 2", () => {
    const created = mamori([
      "token",
      "create",
      "--role",
      "ingest",
      "--name",
      "k8s webhook",
      "--data-dir",
      dataDir,
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout.trim(), /^mamori_[A-Za-z0-9_-]{43}$/);
    const list = mamori(["token", "list", "--format", "json", "--data-dir", dataDir]);
    const tokens = JSON.parse(list.stdout) as { id: string; name: string; role: string }[];
    const webhook = tokens.find((t) => t.name === "k8s webhook");
    assert.equal(webhook?.role, "ingest");
    assert.ok(!list.stdout.includes(created.stdout.trim()), "secrets are never listed");
    assert.equal(mamori(["token", "revoke", webhook?.id ?? "", "--data-dir", dataDir]).code, 0);
    const again = mamori(["token", "revoke", webhook?.id ?? "", "--data-dir", dataDir]);
    assert.equal(again.code, 2);
    assert.equal(again.stderr.trim(), `mamori: no active token with id ${webhook?.id}`);
    const bad = mamori(["token", "create", "--role", "root", "--data-dir", dataDir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^mamori: --role root: expected one of admin, analyst, viewer, ingest\n$/);
    const port = mamori(["serve", "--port", "70000"]);
    assert.equal(port.code, 2);
    assert.match(port.stderr, /^mamori: --port 70000: expected a whole number from 0 to 65535\n$/);
  });
});
