import { isUnknown, type Resource } from "../../../model/index.js";
import { type Check, defineCheck, fail, notApplicable, pass } from "../../check.js";

interface LogMetric {
  name?: unknown;
  filter?: unknown;
}
interface AlertPolicy {
  displayName?: unknown;
  enabled?: unknown;
  conditions?: { conditionThreshold?: { filter?: unknown }; conditionAbsent?: { filter?: unknown } }[];
}

/** Filters compare without case, spaces and quotes: `resource.type = "gce_route"` ≡ `resource.type=gce_route`. */
const normalize = (s: unknown) =>
  String(s)
    .toLowerCase()
    .replace(/["'\s]/g, "");

/**
 * CIS 2.5–2.12: a log-based metric whose filter holds every `terms` entry,
 * and an enabled alert policy with a condition on that metric.
 */
export function logMetricAlertCheck(options: {
  id: string;
  what: string;
  terms: string[];
  filter: string;
  reference: string;
}): Check {
  return defineCheck({
    id: options.id,
    title: `A log metric and an alert watch ${options.what}`,
    description: `A log-based metric with an alert on it notifies the team of ${options.what} as they happen.`,
    severity: "low",
    resourceTypes: ["gcp.project"],
    remediation: `Create a log-based counter metric with the filter ${options.filter} and an alert policy on logging.googleapis.com/user/<metric> with a notification channel.`,
    references: [options.reference, "https://cloud.google.com/logging/docs/logs-based-metrics"],
    evaluate(resource: Resource) {
      const metrics = resource.properties.logMetrics;
      const policies = resource.properties.alertPolicies;
      if (isUnknown(metrics))
        return notApplicable("the log metrics are not known", { path: "logMetrics", actual: metrics });
      if (isUnknown(policies))
        return notApplicable("the alert policies are not known", { path: "alertPolicies", actual: policies });
      if (!Array.isArray(metrics) || !Array.isArray(policies))
        return notApplicable("log metrics and alert policies are not reported by this source", {
          path: "logMetrics",
        });
      const terms = options.terms.map(normalize);
      const matching = (metrics as LogMetric[]).filter((m) => {
        const filter = normalize(m?.filter);
        return terms.every((t) => filter.includes(t));
      });
      if (matching.length === 0)
        return fail(`no log metric matches ${options.what}`, {
          path: "logMetrics",
          actual: (metrics as LogMetric[]).map((m) => m?.name ?? null),
          expected: options.filter,
        });
      const names = matching.map((m) =>
        normalize(`metric.type="logging.googleapis.com/user/${String(m.name).split("/").pop()}"`),
      );
      const alert = (policies as AlertPolicy[]).find(
        (p) =>
          p?.enabled !== false &&
          (p?.conditions ?? []).some((c) => {
            const filter = normalize(c?.conditionThreshold?.filter ?? c?.conditionAbsent?.filter ?? "");
            return names.some((n) => filter.includes(n));
          }),
      );
      if (alert)
        return pass(`metric ${String(matching[0]?.name)} has alert policy ${String(alert.displayName)}`, {
          path: "alertPolicies",
        });
      return fail(`log metric ${String(matching[0]?.name)} has no enabled alert policy`, {
        path: "alertPolicies",
        actual: matching.map((m) => m.name ?? null),
        expected: "an enabled alert policy on the metric",
      });
    },
  });
}
