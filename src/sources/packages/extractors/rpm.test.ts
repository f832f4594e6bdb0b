import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import initSqlJs from "sql.js";
import { ExtractError } from "../types.js";
import { rpmBdbPackages, rpmExtractor, rpmNdbPackages, rpmSqlitePackages } from "./rpm.js";
import { readBdbHashValues } from "./rpm-bdb.js";
import { parseRpmHeader, parseSourceRpm } from "./rpm-header.js";

// A real Berkeley DB rpmdb (osv-scalibr test data): one package, hello 1:0.0.1-rls.
const BDB = readFileSync(
  new URL("../../../../../shared/vulndata/pkgdb-fixtures/rpm/Packages_epoch.bdb", import.meta.url),
);

const HELLO = {
  type: "rpm",
  name: "hello",
  version: "0.0.1-rls",
  epoch: "1",
  arch: "x86_64",
  licenses: ["GPL"],
  sourceName: "hello",
  sourceVersion: "0.0.1-rls",
};

/** An rpmdb.sqlite with rpm's own schema, holding the given header blobs. */
async function sqliteRpmdb(blobs: Uint8Array[]): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
  for (const blob of blobs) db.run("INSERT INTO Packages (blob) VALUES (?)", [blob]);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe("rpm", () => {
  it("reads a real Berkeley DB Packages file", () => {
    assert.deepEqual(rpmBdbPackages(BDB, "Packages"), [HELLO]);
  });

  it("reads the same header from an SQLite rpmdb", async () => {
    const headers = readBdbHashValues(BDB, "Packages").filter((b) => b.length >= 8);
    const found = await rpmSqlitePackages(await sqliteRpmdb(headers), "rpmdb.sqlite");
    assert.deepEqual(found, [HELLO]);
  });

  it("reads the same header from an NDB Packages.db", () => {
    // Laid out as rpm's ndb backend writes it: header, one slot page, blobs in 16-byte blocks.
    const headers = readBdbHashValues(BDB, "Packages").filter((b) => b.length >= 8);
    const blobStart = 4096;
    const parts: Buffer[] = [];
    const slotPage = Buffer.alloc(4096);
    slotPage.writeUInt32LE(0x506d7052, 0); // "RpmP"
    slotPage.writeUInt32LE(0, 4);
    slotPage.writeUInt32LE(1, 8);
    slotPage.writeUInt32LE(1, 12); // one slot page
    for (let i = 0; i < 4096 / 16 - 2; i++) slotPage.writeUInt32LE(0x746f6c53, 32 + i * 16); // empty slots
    let offset = blobStart;
    headers.forEach((header, i) => {
      const blocks = Math.ceil((16 + header.length) / 16);
      const slot = 32 + i * 16;
      slotPage.writeUInt32LE(i + 1, slot + 4);
      slotPage.writeUInt32LE(offset / 16, slot + 8);
      slotPage.writeUInt32LE(blocks, slot + 12);
      const blob = Buffer.alloc(blocks * 16);
      blob.writeUInt32LE(0x53626c42, 0); // "BlbS"
      blob.writeUInt32LE(i + 1, 4);
      blob.writeUInt32LE(1, 8);
      blob.writeUInt32LE(header.length, 12);
      blob.set(header, 16);
      parts.push(blob);
      offset += blob.length;
    });
    const db = Buffer.concat([slotPage, ...parts]);
    assert.deepEqual(rpmNdbPackages(db, "Packages.db"), [HELLO]);
    db.writeUInt32LE(0x53626c41, blobStart); // break the blob magic
    assert.throws(
      () => rpmNdbPackages(db, "x/Packages.db"),
      /x\/Packages.db: blob of package 1 has a bad header/,
    );
  });

  it("refuses what is not an rpmdb", async () => {
    await assert.rejects(
      rpmSqlitePackages(Buffer.from("not sqlite at all, really"), "x/rpmdb.sqlite"),
      /x\/rpmdb.sqlite: not an SQLite database/,
    );
    assert.throws(
      () => rpmBdbPackages(Buffer.alloc(4096), "x/Packages"),
      /x\/Packages: not a Berkeley DB hash database/,
    );
    assert.throws(
      () => parseRpmHeader(Buffer.from([0, 0, 0, 9, 0, 0, 0, 9]), "h"),
      (e: Error) => e instanceof ExtractError && /sizes out of range/.test(e.message),
    );
  });

  it("splits source rpm names", () => {
    assert.deepEqual(parseSourceRpm("openssl-3.0.7-24.el9.src.rpm"), {
      name: "openssl",
      version: "3.0.7-24.el9",
    });
    assert.deepEqual(parseSourceRpm("python3-pip-21.3.1-1.el9.noarch.src.rpm"), {
      name: "python3-pip",
      version: "21.3.1-1.el9.noarch",
    });
    assert.equal(parseSourceRpm("garbage"), undefined);
  });

  it("wants the database files in rpm's folders only", () => {
    const wants = (path: string) => rpmExtractor.wants({ path, size: 1, mode: 0o644 });
    assert.equal(wants("/var/lib/rpm/rpmdb.sqlite"), true);
    assert.equal(wants("/usr/lib/sysimage/rpm/Packages"), true);
    assert.equal(wants("/home/me/Packages"), false);
  });
});
