import { getPath, isUnknown, type Resource } from "../../../model/index.js";
import { type Check, defineCheck, fail, notApplicable, pass } from "../../check.js";
import { databaseFlag, sqlEngine } from "../../lib/gcp.js";

/**
 * One Cloud SQL database flag must hold an accepted value. `unset` is the
 * engine's own default, used when the instance does not set the flag.
 */
export function sqlFlagCheck(options: {
  id: string;
  title: string;
  description: string;
  engine: "postgres" | "mysql" | "sqlserver";
  flag: string;
  unset: string | undefined;
  accept: (value: string | undefined) => boolean;
  expected: string;
  severity?: "low" | "medium" | "high";
  reference: string;
}): Check {
  return defineCheck({
    id: options.id,
    title: options.title,
    description: options.description,
    severity: options.severity ?? "low",
    resourceTypes: ["gcp.sql.instance"],
    remediation: `Set the database flag ${options.flag} to ${options.expected} (gcloud sql instances patch INSTANCE --database-flags=...; list every flag to keep).`,
    references: [options.reference],
    evaluate(resource: Resource) {
      const version = getPath(resource.properties, "databaseVersion");
      if (isUnknown(version))
        return notApplicable("the database version is not known", {
          path: "databaseVersion",
          actual: version,
        });
      if (sqlEngine(version) !== options.engine)
        return notApplicable(`the flag applies to ${options.engine} only`, {
          path: "databaseVersion",
          actual: version,
        });
      const path = "settings.databaseFlags";
      const flags = getPath(resource.properties, path);
      if (isUnknown(flags)) return notApplicable("the database flags are not known", { path, actual: flags });
      const raw = databaseFlag(getPath(resource.properties, "settings"), options.flag);
      if (isUnknown(raw)) return notApplicable("the database flag is not known", { path, actual: raw });
      const value = raw === undefined ? options.unset : String(raw);
      const shown = raw === undefined ? `not set (default ${options.unset ?? "none"})` : String(raw);
      if (options.accept(value)) return pass(`${options.flag} is ${shown}`, { path, actual: raw ?? null });
      return fail(`${options.flag} is ${shown}`, {
        path,
        actual: raw ?? null,
        expected: `${options.flag}=${options.expected}`,
      });
    },
  });
}
