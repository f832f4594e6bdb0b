import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import yazl from "yazl";
import { openStore, type Store } from "../store/index.js";
import { advisoryStore, importAdvisories } from "./database.js";
import { VulnInputError } from "./errors.js";
import { matchPackages } from "./match.js";
import type { OsvRecord } from "./osv.js";
import { pkg, VULNDATA } from "./testdata.test-helpers.js";
import { updateAdvisories } from "./update.js";

function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => parts.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(parts)));
    zip.outputStream.on("error", reject);
  });
}

function osv(id: string, name: string, fixed: string, extra: Partial<OsvRecord> = {}): OsvRecord {
  return {
    id,
    modified: "2024-01-01T00:00:00Z",
    affected: [
      {
        package: { ecosystem: "npm", name },
        ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed }] }],
      },
    ],
    ...extra,
  };
}

describe("advisory database", () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "mamori-vulndb-"));
    store = await openStore({ dataDir: join(dir, "db") });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports OSV, npm WG, Alpine secdb and Debian tracker data and reports counts", async () => {
    const imports = [
      "osv-samples/osv-records.jsonl",
      "nodejs-security-wg/npm.jsonl",
      "alpine-secdb",
      "debian-tracker-samples/security-tracker-json",
    ];
    for (const path of imports) {
      const result = await importAdvisories(store, join(VULNDATA, path));
      assert.ok(result.records > 0, `${path}: ${result.records} records`);
    }
    const counts = new Map(
      (await advisoryStore(store).countsByEcosystem()).map((c) => [c.ecosystem, c.advisories]),
    );
    assert.ok((counts.get("npm") ?? 0) > 400);
    assert.ok((counts.get("alpine:v3.11") ?? 0) > 100);
    assert.ok((counts.get("debian:12") ?? 0) >= 2);
    assert.ok((counts.get("ubuntu:22.04") ?? 0) > 0, "Ubuntu:22.04:LTS is indexed as ubuntu:22.04");
    const feeds = await advisoryStore(store).feeds();
    assert.equal(feeds.length, 4);
  });

  it("reports lodash 4.17.15 with its npm WG advisory and nothing fixed below it", async () => {
    const lodash = pkg({ name: "lodash", version: "4.17.15", ecosystem: "npm" });
    const { findings } = await matchPackages([lodash], advisoryStore(store));
    const ids = findings.map((f) => f.id);
    assert.ok(ids.includes("NSWG-ECO-516"), ids.join(","));
    assert.ok(!ids.includes("CVE-2018-3721"), "advisory 368 is fixed in 4.17.5");
    const f516 = findings.find((f) => f.id === "NSWG-ECO-516");
    assert.deepEqual(f516?.fixedVersions, ["4.17.19"]);
    assert.equal(f516?.fixState, "fixed");
    // The advisory claims cvss_score 7.4, but its vector AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L scores 6.3.
    assert.equal(f516?.score, 6.3);
    assert.equal(f516?.severity, "medium");
  });

  it("matches a Debian package only on Debian advisories, by source package, and merges DSA ↔ CVE", async () => {
    await importAdvisories(
      store,
      join(VULNDATA, "debian-tracker-samples/security-tracker-json/DSA-list.txt"),
    );
    // An upstream-style record for the same name in another ecosystem must never apply.
    const upstreamFile = join(dir, "upstream.json");
    writeFileSync(upstreamFile, JSON.stringify(osv("GHSA-sope-upstream", "sope", "99.0.0")));
    await importAdvisories(store, upstreamFile);
    const sope = pkg({
      name: "libsope1",
      version: "5.8.0-1",
      sourceName: "sope",
      sourceVersion: "5.8.0-1",
      ecosystem: "Debian:12",
      distro: { id: "debian", versionId: "12", codename: "bookworm" },
    });
    const { findings } = await matchPackages([sope], advisoryStore(store));
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.id)));
    const [finding] = findings;
    assert.equal(finding?.id, "CVE-2025-53603");
    assert.deepEqual(finding?.aliases, ["DEBIAN-CVE-2025-53603", "DSA-5970-1"]);
    assert.deepEqual(finding?.fixedVersions, ["5.8.0-1+deb12u1"]);
    // The fixed version itself is clean.
    const fixed = { ...sope, version: "5.8.0-1+deb12u1", sourceVersion: "5.8.0-1+deb12u1" };
    assert.equal((await matchPackages([fixed], advisoryStore(store))).findings.length, 0);
  });

  it("reports not-fixed distro vulnerabilities with their fix state", async () => {
    const chromium = pkg({ name: "chromium", version: "90.0-1", ecosystem: "Debian:10" });
    const { findings } = await matchPackages([chromium], advisoryStore(store));
    assert.equal(findings[0]?.id, "CVE-2022-0456");
    assert.equal(findings[0]?.fixState, "not_fixed");
    assert.deepEqual(findings[0]?.fixedVersions, []);
  });

  it("matches Alpine packages by origin and release", async () => {
    const openssl = pkg({
      name: "libcrypto1.1",
      version: "1.1.1d-r2",
      sourceName: "openssl",
      ecosystem: "Alpine:v3.11",
    });
    const { findings } = await matchPackages([openssl], advisoryStore(store));
    assert.ok(
      findings.some((f) => f.id === "CVE-2019-1551"),
      findings.map((f) => f.id).join(","),
    );
    assert.ok(findings.every((f) => f.advisoryIds.every((id) => id.startsWith("ALPINE-"))));
  });

  it("matches RHEL-family rpms by binary name on their release's advisories", async () => {
    const krb5 = pkg({
      name: "krb5-libs",
      version: "1.18.2-10.el8",
      sourceName: "krb5",
      ecosystem: "AlmaLinux:8",
      distro: { id: "almalinux", versionId: "8.9" },
    });
    const { findings } = await matchPackages([krb5], advisoryStore(store));
    assert.ok(findings.length > 0);
    assert.ok(
      findings.every((f) => f.advisoryIds.every((id) => id.startsWith("ALBA-"))),
      JSON.stringify(findings.map((f) => f.advisoryIds)),
    );
    assert.ok(findings.some((f) => f.fixedVersions.includes("1.18.2-14.el8")));
    const patched = { ...krb5, version: "1.18.2-30.el8" };
    assert.equal((await matchPackages([patched], advisoryStore(store))).findings.length, 0);
  });

  it("a failed import leaves the previous data of that feed in place", async () => {
    const file = join(dir, "feed.json");
    writeFileSync(file, JSON.stringify([osv("TEST-1", "left-pad", "1.0.0")]));
    await importAdvisories(store, file);
    writeFileSync(file, JSON.stringify([osv("TEST-2", "left-pad", "2.0.0"), { id: 7 }]));
    await assert.rejects(importAdvisories(store, file), (e: Error) => {
      assert.ok(e instanceof VulnInputError);
      assert.match(e.message, /feed\.json\[1\]: OSV field id must be a non-empty string/);
      return true;
    });
    const { findings } = await matchPackages(
      [pkg({ name: "left-pad", version: "0.1.0", ecosystem: "npm" })],
      advisoryStore(store),
    );
    assert.deepEqual(
      findings.map((f) => f.id),
      ["TEST-1"],
    );
  });

  describe("db update from a mirror", () => {
    let server: Server;
    let mirror: string;
    const served: Record<string, { body: Buffer; headers?: Record<string, string> }> = {};
    let requests: string[] = [];
    before(async () => {
      server = createServer((req, res) => {
        requests.push(`${req.url} ${req.headers["if-none-match"] ?? ""}`);
        const entry = served[req.url ?? ""];
        if (!entry) {
          res.writeHead(404).end();
          return;
        }
        if (req.headers["if-none-match"] === '"v1"' && entry.headers?.etag === '"v1"') {
          res.writeHead(304).end();
          return;
        }
        res.writeHead(200, { "content-type": "application/zip", ...entry.headers }).end(entry.body);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const address = server.address();
      mirror = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("downloads, verifies and swaps in an ecosystem archive, then skips it when unchanged", async () => {
      const body = await zipOf({
        "GHSA-aaaa-bbbb-cccc.json": JSON.stringify(
          osv("GHSA-aaaa-bbbb-cccc", "minimist", "1.2.6", { aliases: ["CVE-2021-44906"] }),
        ),
        "GHSA-dddd-eeee-ffff.json": JSON.stringify(osv("GHSA-dddd-eeee-ffff", "qs", "6.10.3")),
      });
      const { createHash } = await import("node:crypto");
      served["/npm/all.zip"] = {
        body,
        headers: {
          etag: '"v1"',
          "x-goog-hash": `crc32c=AAAAAA==,md5=${createHash("md5").update(body).digest("base64")}`,
        },
      };
      requests = [];
      const first = await updateAdvisories(store, { mirror, ecosystems: ["npm"] });
      assert.deepEqual(first, [{ ecosystem: "npm", status: "updated", records: 2, bytes: body.length }]);
      const { findings } = await matchPackages(
        [pkg({ name: "minimist", version: "1.2.5", ecosystem: "npm" })],
        advisoryStore(store),
      );
      assert.deepEqual(
        findings.map((f) => [f.id, f.aliases]),
        [["CVE-2021-44906", ["GHSA-aaaa-bbbb-cccc"]]],
      );
      const second = await updateAdvisories(store, { mirror, ecosystems: ["npm"] });
      assert.deepEqual(second, [{ ecosystem: "npm", status: "unchanged" }]);
      assert.deepEqual(requests, ["/npm/all.zip ", '/npm/all.zip "v1"']);
    });

    it("keeps the old data when the archive is corrupt, truncated or fails its hash", async () => {
      const good = await zipOf({ "X.json": JSON.stringify(osv("GHSA-new", "minimist", "9.9.9")) });
      const cases: [string, { body: Buffer; headers?: Record<string, string> }, RegExp][] = [
        ["not a zip", { body: Buffer.from("<html>captive portal</html>") }, /not a readable zip archive/],
        ["truncated", { body: good.subarray(0, good.length - 30) }, /not a readable zip archive/],
        [
          "bad md5",
          { body: good, headers: { "x-goog-hash": "md5=AAAAAAAAAAAAAAAAAAAAAA==" } },
          /MD5 does not match/,
        ],
        ["bad record", { body: await zipOf({ "Y.json": '{"id": ""}' }) }, /Y\.json: OSV field id/],
      ];
      for (const [label, entry, error] of cases) {
        served["/npm/all.zip"] = entry;
        await assert.rejects(updateAdvisories(store, { mirror, ecosystems: ["npm"] }), error, label);
        const { findings } = await matchPackages(
          [pkg({ name: "minimist", version: "1.2.5", ecosystem: "npm" })],
          advisoryStore(store),
        );
        assert.deepEqual(
          findings.map((f) => f.id),
          ["CVE-2021-44906"],
          `${label}: old feed still served`,
        );
      }
      await assert.rejects(updateAdvisories(store, { mirror, ecosystems: ["PyPI"] }), /HTTP 404/);
    });
  });
});

describe("advisory database on PostgreSQL", () => {
  const url = process.env.MAMORI_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const schema = `mamori_vuln_${randomBytes(5).toString("hex")}`;
  let store: Store;
  before(async () => {
    store = await openStore({ databaseUrl: url, schema });
  });
  after(async () => {
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  });

  it("imports, looks up and replaces a feed the same way", async () => {
    const result = await importAdvisories(store, join(VULNDATA, "nodejs-security-wg/npm.jsonl"));
    assert.equal(result.records, 467);
    const { findings } = await matchPackages(
      [pkg({ name: "lodash", version: "4.17.15", ecosystem: "npm" })],
      advisoryStore(store),
    );
    assert.ok(findings.some((f) => f.id === "NSWG-ECO-516"));
    assert.equal(
      (await importAdvisories(store, join(VULNDATA, "nodejs-security-wg/npm.jsonl"))).records,
      467,
    );
    assert.deepEqual(await advisoryStore(store).countsByEcosystem(), [{ ecosystem: "npm", advisories: 467 }]);
  });
});
