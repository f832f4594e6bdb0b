import initSqlJs from "sql.js";
import { ExtractError, type Extractor, type Found } from "../types.js";
import { readBdbHashValues } from "./rpm-bdb.js";
import { parseRpmHeader } from "./rpm-header.js";
import { isNdb, readNdbBlobs } from "./rpm-ndb.js";

type SqlJs = Awaited<ReturnType<typeof initSqlJs>>;
let sqlJs: Promise<SqlJs> | undefined;

/** SQLite in WebAssembly (Node 20 has no node:sqlite); loaded once, on the first rpmdb seen. */
function loadSqlJs(): Promise<SqlJs> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/** rpm ≥ 4.16 keeps its database in SQLite: table Packages(hnum, blob), one header blob per row. */
export async function rpmSqlitePackages(content: Uint8Array, where: string): Promise<Found[]> {
  if (!Buffer.from(content.subarray(0, 16)).equals(SQLITE_MAGIC))
    throw new ExtractError(`${where}: not an SQLite database`);
  const SQL = await loadSqlJs();
  let db: InstanceType<SqlJs["Database"]>;
  try {
    db = new SQL.Database(content);
  } catch (error) {
    throw new ExtractError(`${where}: cannot open SQLite database: ${(error as Error).message}`);
  }
  try {
    let rows: ReturnType<typeof db.exec>;
    try {
      rows = db.exec("SELECT hnum, blob FROM Packages ORDER BY hnum");
    } catch (error) {
      throw new ExtractError(`${where}: no rpm Packages table: ${(error as Error).message}`);
    }
    const found: Found[] = [];
    for (const row of rows[0]?.values ?? []) {
      const blob = row[1];
      if (!(blob instanceof Uint8Array)) continue;
      const pkg = parseRpmHeader(blob, `${where} (package ${String(row[0])})`);
      if (pkg) found.push(pkg);
    }
    return found;
  } finally {
    db.close();
  }
}

export function rpmBdbPackages(content: Uint8Array, where: string): Found[] {
  const found: Found[] = [];
  readBdbHashValues(content, where).forEach((blob, i) => {
    // Record 0 holds rpm's next package number (4 bytes), not a header.
    if (blob.length < 8) return;
    const pkg = parseRpmHeader(blob, `${where} (record ${i + 1})`);
    if (pkg) found.push(pkg);
  });
  return found;
}

export function rpmNdbPackages(content: Uint8Array, where: string): Found[] {
  const found: Found[] = [];
  readNdbBlobs(content, where).forEach((blob, i) => {
    const pkg = parseRpmHeader(blob, `${where} (record ${i + 1})`);
    if (pkg) found.push(pkg);
  });
  return found;
}

const RPM_DIRS = ["/var/lib/rpm/", "/usr/lib/sysimage/rpm/", "/usr/share/rpm/"];

export const rpmExtractor: Extractor = {
  name: "rpm",
  maxBytes: 512 * 1024 * 1024,
  wants: ({ path }) => {
    const slash = path.lastIndexOf("/");
    const dir = path.slice(0, slash + 1);
    const base = path.slice(slash + 1);
    return (
      (base === "rpmdb.sqlite" || base === "Packages" || base === "Packages.db") &&
      RPM_DIRS.some((d) => dir.endsWith(d))
    );
  },
  extract: ({ path, content }) => {
    if (path.endsWith(".sqlite")) return rpmSqlitePackages(content, path);
    return isNdb(content) ? rpmNdbPackages(content, path) : rpmBdbPackages(content, path);
  },
};
