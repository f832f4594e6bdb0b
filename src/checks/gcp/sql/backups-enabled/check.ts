import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.sql.backups-enabled",
  title: "Cloud SQL instance has automated backups",
  description:
    "Automated backups and point-in-time recovery are how a deleted or corrupted database comes back.",
  severity: "medium",
  resourceTypes: ["gcp.sql.instance"],
  remediation: "Enable automated backups (settings.backupConfiguration.enabled).",
  references: ["https://cloud.google.com/sql/docs/postgres/backup-recovery/backups"],
  evaluate(resource) {
    const path = "settings.backupConfiguration.enabled";
    const value = getPath(resource.properties, path);
    return value === true
      ? pass("automated backups are enabled", { path, actual: value })
      : fail("automated backups are not enabled", { path, actual: value ?? null, expected: true });
  },
});
