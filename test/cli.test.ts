/**
 * End-to-end tests of the `mamori` command: the real CLI in a child process,
 * real files, the embedded store in a temp folder and the PostgreSQL server.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

const root = join(import.meta.dirname, "..");
const demo = join(root, "examples", "demo", "aws-snapshot.json");
const work = mkdtempSync(join(tmpdir(), "mamori-cli-"));
const postgresUrl = process.env.MAMORI_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

function mamori(args: string[], env: Record<string, string> = {}) {
  const { DATABASE_URL: _, ...base } = process.env;
  const result = spawnSync(
    process.execPath,
    ["--import", import.meta.resolve("tsx"), join(root, "src", "cli", "bin.ts"), ...args],
    {
      cwd: work,
      encoding: "utf8",
      env: { ...base, NO_COLOR: "1", ...env },
      timeout: 120_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A usage error is one line on stderr, exit 2, and never a stack trace. */
function assertUsageError(result: ReturnType<typeof mamori>, pattern: RegExp) {
  assert.equal(result.code, 2, result.stderr);
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `expected one line, got:\n${result.stderr}`);
  assert.match(lines[0] ?? "", pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

describe("mamori CLI", () => {
  it("prints help for every command", () => {
    for (const args of [
      [],
      ["scan"],
      ["checks", "list"],
      ["frameworks", "list"],
      ["frameworks", "show"],
      ["query"],
    ]) {
      const result = mamori([...args, "--help"]);
      assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stdout, /Usage: mamori/);
    }
  });

  it("refuses an unknown flag, an unreadable file and a bad --fail-on with exit 2", () => {
    assertUsageError(mamori(["scan", demo, "--bogus"]), /^mamori: unknown option '--bogus'/);
    assertUsageError(
      mamori(["scan", "missing.json", "--no-store"]),
      /^mamori: missing\.json: cannot read \(ENOENT\)$/,
    );
    assertUsageError(
      mamori(["scan", demo, "--no-store", "--fail-on", "urgent"]),
      /--fail-on urgent: expected one of/,
    );
    assertUsageError(
      mamori(["frameworks", "show", "nope"]),
      /unknown framework nope; known: cis-aws-7\.0\.0/,
    );
  });

  it("names file and line of an invalid custom check", () => {
    const dir = join(work, "bad-checks");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "owner.yaml"),
      "id: custom.s3.owner\ntitle: Owner tag\nseverity: low\nresourceTypes: [aws.s3.bucket]\nexpression: has(resource.tags.owner) &&\n",
    );
    assertUsageError(
      mamori(["checks", "list", "--checks-dir", dir]),
      /bad-checks\/owner\.yaml:5: check custom\.s3\.owner: CEL syntax error/,
    );
  });

  it("lists checks as JSON with their framework controls", () => {
    const result = mamori(["checks", "list", "--format", "json"]);
    assert.equal(result.code, 0, result.stderr);
    const checks = JSON.parse(result.stdout) as {
      id: string;
      severity: string;
      frameworks: { control: string }[];
    }[];
    const bpa = checks.find((c) => c.id === "aws.s3.block-public-access");
    assert.equal(bpa?.severity, "high");
    assert.deepEqual(bpa?.frameworks, [{ framework: "cis-aws", version: "7.0.0", control: "3.1.4" }]);
  });

  it("lists frameworks", () => {
    const result = mamori(["frameworks", "list", "--format", "json"]);
    assert.equal(result.code, 0, result.stderr);
    const [cis] = JSON.parse(result.stdout) as { id: string; controls: number; automated: number }[];
    assert.equal(cis?.id, "cis-aws-7.0.0");
    assert.equal(cis?.controls, 70);
  });

  it("scans a snapshot with custom checks and gates CI with --fail-on", () => {
    const dir = join(work, "good-checks");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "owner.yaml"),
      "id: custom.s3.owner-tag\ntitle: Buckets carry an owner tag\nseverity: low\nresourceTypes: [aws.s3.bucket]\nexpression: has(resource.tags.owner)\n",
    );
    const out = join(work, "report.json");
    const result = mamori([
      "scan",
      demo,
      "--no-store",
      "--checks-dir",
      dir,
      "-f",
      "json",
      "-o",
      out,
      "--fail-on",
      "critical",
    ]);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(readFileSync(out, "utf8")) as {
      findings: { checkId: string; status: string; resource: { id: string } }[];
      summary: { resources: number };
    };
    assert.equal(report.summary.resources, 15);
    assert.ok(report.findings.every((f) => f.status === "fail"));
    assert.deepEqual(
      report.findings.filter((f) => f.checkId === "custom.s3.owner-tag").map((f) => f.resource.id),
      ["arn:aws:s3:::acme-tmp-exports"],
    );
    const lenient = mamori([
      "scan",
      demo,
      "--no-store",
      "-f",
      "sarif",
      "--fail-on",
      "critical",
      "--include-passed",
    ]);
    assert.equal(lenient.code, 1);
    assert.equal((JSON.parse(lenient.stdout) as { version: string }).version, "2.1.0");
  });

  for (const [driver, env] of [
    ["embedded store", { dataDir: join(work, "data") }],
    ["PostgreSQL", { databaseUrl: postgresUrl }],
  ] as const) {
    it(`records a scan and answers read-only SQL on the ${driver}`, () => {
      const storeArgs = "dataDir" in env ? ["--data-dir", env.dataDir] : [];
      const storeEnv: Record<string, string> = "databaseUrl" in env ? { DATABASE_URL: env.databaseUrl } : {};
      const scan = mamori(["scan", demo, "-f", "json", "-o", join(work, "s.json"), ...storeArgs], storeEnv);
      assert.equal(scan.code, 0, scan.stderr);
      const count = mamori(
        [
          "query",
          "select count(*) as n from resources where id like 'arn:aws:s3:::acme-%'",
          "-f",
          "json",
          ...storeArgs,
        ],
        storeEnv,
      );
      assert.equal(count.code, 0, count.stderr);
      assert.deepEqual(JSON.parse(count.stdout), [{ n: 7 }]);
      const findings = mamori(["query", "select count(*) from findings", ...storeArgs], storeEnv);
      assert.equal(findings.code, 0, findings.stderr);
      assertUsageError(
        mamori(["query", "delete from scans", ...storeArgs], storeEnv),
        /^mamori: .*(read-only|cannot delete)/,
      );
      const show = mamori(["frameworks", "show", "cis-aws-7.0.0", "-f", "json", ...storeArgs], storeEnv);
      assert.equal(show.code, 0, show.stderr);
      const controls = (JSON.parse(show.stdout) as { controls: { id: string; status: string }[] }).controls;
      assert.equal(controls.find((c) => c.id === "6.3")?.status, "fail");
      assert.equal(controls.find((c) => c.id === "2.2")?.status, "manual");

      const add = mamori(
        [
          "mute",
          "add",
          "--check",
          "aws.s3.access-logging",
          "--resource",
          "arn:aws:s3:::acme-tmp-*",
          "--owner",
          "alice",
          "--reason",
          "scratch",
          "--expires",
          "2099-01-01",
          ...storeArgs,
        ],
        storeEnv,
      );
      assert.equal(add.code, 0, add.stderr);
      const muteId = /^muted: ([0-9a-f]+)$/m.exec(add.stdout)?.[1];
      assert.ok(muteId, add.stdout);
      try {
        const again = mamori(["scan", demo, "-f", "json", ...storeArgs], storeEnv);
        assert.equal(again.code, 0, again.stderr);
        const muted = (
          JSON.parse(again.stdout) as {
            findings: { checkId: string; resource: { id: string }; muted?: { owner?: string } }[];
          }
        ).findings.filter((f) => f.muted);
        assert.deepEqual(
          muted.map((f) => [f.checkId, f.resource.id, f.muted?.owner]),
          [["aws.s3.access-logging", "arn:aws:s3:::acme-tmp-exports", "alice"]],
        );
        const state = mamori(
          [
            "query",
            `select state from findings where check_id = 'aws.s3.access-logging' and resource_id = 'arn:aws:s3:::acme-tmp-exports'`,
            "-f",
            "json",
            ...storeArgs,
          ],
          storeEnv,
        );
        assert.deepEqual(JSON.parse(state.stdout), [{ state: "muted" }]);
        assert.match(
          mamori(["mute", "list", ...storeArgs], storeEnv).stdout,
          new RegExp(`${muteId}.*check=aws\\.s3\\.access-logging`),
        );
      } finally {
        assert.equal(mamori(["mute", "remove", muteId, ...storeArgs], storeEnv).code, 0);
      }
      assertUsageError(mamori(["mute", "remove", muteId, ...storeArgs], storeEnv), /no mute with id/);
      assertUsageError(
        mamori(
          ["mute", "add", "--owner", "a", "--reason", "b", "--expires", "2001-01-01", ...storeArgs],
          storeEnv,
        ),
        /the date has passed/,
      );
    });
  }
});
