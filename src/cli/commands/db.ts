import { Command } from "commander";
import { asUsageError } from "../../vuln/command.js";
import { advisoryStore, importAdvisories } from "../../vuln/database.js";
import { DEFAULT_ECOSYSTEMS, DEFAULT_MIRROR, updateAdvisories } from "../../vuln/update.js";
import { addStoreOptions, emit, openConfiguredStore } from "../context.js";
import { textTable } from "../table.js";

interface DbOptions {
  dataDir?: string;
  format?: "table" | "json";
}

export function dbCommand(): Command {
  const db = new Command("db").summary("manage the vulnerability advisory database (OSV)");

  const update = new Command("update")
    .summary("download the OSV advisory archives into the store")
    .description(
      `Download <mirror>/<ecosystem>/all.zip for each ecosystem (default mirror ${DEFAULT_MIRROR}), ` +
        "verify it and replace that ecosystem's advisories in one transaction; an unchanged archive (same ETag) " +
        "is not downloaded again, and a failed download or a corrupt archive leaves the old data in place.",
    )
    .option("--mirror <url>", "base URL of an OSV mirror", process.env.MAMORI_OSV_MIRROR ?? DEFAULT_MIRROR)
    .option(
      "--ecosystem <name>",
      `ecosystem to update; repeatable (default: ${DEFAULT_ECOSYSTEMS.join(", ")})`,
      (v: string, p: string[]) => [...p, v],
      [] as string[],
    );
  addStoreOptions(update);
  update.action(async (options: DbOptions & { mirror: string; ecosystem: string[] }) => {
    const store = await openConfiguredStore(options);
    try {
      const results = await updateAdvisories(store, {
        mirror: options.mirror,
        ecosystems: options.ecosystem.length > 0 ? options.ecosystem : undefined,
        onProgress: (m) => process.stderr.isTTY && process.stderr.write(`${m}\n`),
      });
      for (const r of results)
        emit(
          r.status === "updated"
            ? `${r.ecosystem}: ${r.records} advisories (${r.bytes} bytes)`
            : `${r.ecosystem}: unchanged`,
        );
    } catch (error) {
      throw asUsageError(error);
    } finally {
      await store.close();
    }
  });

  const importCmd = new Command("import")
    .summary("import advisories from files, folders or zip archives (air-gapped use)")
    .description(
      "Read OSV JSON records (single, arrays, JSON Lines, or OSV's per-ecosystem all.zip), the Node.js security " +
        "WG's npm advisories, Alpine secdb (JSON or YAML), the Debian security tracker JSON and the DSA list, " +
        "convert them to OSV and replace what an earlier import of the same path brought, in one transaction.",
    )
    .argument("<path...>", "files, folders or zip archives");
  addStoreOptions(importCmd);
  importCmd.action(async (paths: string[], options: DbOptions) => {
    const store = await openConfiguredStore(options);
    try {
      for (const path of paths) {
        const result = await importAdvisories(store, path);
        emit(`${path}: ${result.records} advisories`);
      }
    } catch (error) {
      throw asUsageError(error);
    } finally {
      await store.close();
    }
  });

  const status = new Command("status")
    .summary("show what the advisory database holds")
    .option("-f, --format <format>", "table or json", "table");
  addStoreOptions(status);
  status.action(async (options: DbOptions) => {
    const store = await openConfiguredStore(options);
    try {
      const advisories = advisoryStore(store);
      const feeds = await advisories.feeds();
      const counts = await advisories.countsByEcosystem();
      if (options.format === "json") {
        emit(JSON.stringify({ feeds, ecosystems: counts }, null, 2));
        return;
      }
      if (feeds.length === 0) {
        emit("The advisory database is empty: run `mamori db update`, or `mamori db import PATH` offline.");
        return;
      }
      const lastUpdate = feeds
        .map((f) => f.updatedAt)
        .sort()
        .at(-1);
      emit(
        [
          textTable(
            ["FEED", "RECORDS", "UPDATED"],
            feeds.map((f) => [f.feed, String(f.records), f.updatedAt]),
          ),
          "",
          textTable(
            ["ECOSYSTEM", "ADVISORIES"],
            counts.map((c) => [c.ecosystem, String(c.advisories)]),
          ),
          "",
          `last update ${lastUpdate}`,
        ].join("\n"),
      );
    } finally {
      await store.close();
    }
  });

  return db.addCommand(update).addCommand(importCmd).addCommand(status);
}
