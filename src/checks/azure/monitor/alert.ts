import { isUnknown, type Resource } from "../../../model/index.js";
import { type Check, defineCheck, fail, notApplicable, pass } from "../../check.js";

interface Condition {
  field?: unknown;
  equals?: unknown;
  anyOf?: Condition[];
}
interface ActivityLogAlert {
  name?: unknown;
  enabled?: unknown;
  scopes?: unknown;
  condition?: { allOf?: Condition[] };
}

const lower = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : "");

/** The leaf conditions of an alert, `anyOf` groups flattened. */
function leaves(alert: ActivityLogAlert): Condition[] {
  const all = Array.isArray(alert.condition?.allOf) ? alert.condition.allOf : [];
  return all.flatMap((c) => (Array.isArray(c?.anyOf) ? c.anyOf : [c]));
}

/**
 * True when an enabled alert on the whole subscription fires on `matches`
 * and does not narrow it by level, status or caller (CIS asks for every event).
 */
export function subscriptionAlertFor(resource: Resource, matches: (conditions: Condition[]) => boolean) {
  const alerts = resource.properties.activityLogAlerts;
  if (isUnknown(alerts)) return { unknown: alerts } as const;
  // IaC writes a scope naming the deployment's own subscription as the subscription resource's id.
  const subscription = [lower(resource.id)];
  if (resource.account) subscription.push(lower(`/subscriptions/${resource.account}`));
  const candidates = (Array.isArray(alerts) ? (alerts as ActivityLogAlert[]) : []).filter((alert) => {
    if (alert.enabled === false) return false;
    const conditions = leaves(alert);
    if (conditions.some((c) => ["level", "status", "caller"].includes(lower(c.field)))) return false;
    return matches(conditions);
  });
  const scopesOf = (alert: ActivityLogAlert) => (Array.isArray(alert.scopes) ? alert.scopes : []);
  const found = candidates.find(
    (alert) => !isUnknown(alert.enabled) && scopesOf(alert).some((s) => subscription.includes(lower(s))),
  );
  // An alert whose scope, condition or state is not known may be the one asked for.
  const undecided = (Array.isArray(alerts) ? (alerts as ActivityLogAlert[]) : []).find(
    (a) => isUnknown(a.condition) || isUnknown(a.enabled),
  );
  const maybe =
    candidates.flatMap(scopesOf).find((s) => isUnknown(s)) ??
    candidates.find((a) => isUnknown(a.scopes))?.scopes ??
    (undecided && (isUnknown(undecided.condition) ? undecided.condition : undecided.enabled));
  if (!found && maybe !== undefined) return { unknown: maybe } as const;
  return { found } as const;
}

export function activityLogAlertCheck(options: { id: string; operation: string; label: string }): Check {
  return defineCheck({
    id: options.id,
    title: `An activity log alert fires on ${options.label}`,
    description: `Alerting on ${options.label} (${options.operation}) shortens the time to notice an unexpected change.`,
    severity: "low",
    resourceTypes: ["azure.subscription"],
    remediation: `Create an activity log alert on the subscription with category Administrative and operationName ${options.operation}, routed to an action group.`,
    references: ["https://learn.microsoft.com/en-us/azure/azure-monitor/alerts/activity-log-alerts"],
    evaluate(resource: Resource) {
      const result = subscriptionAlertFor(resource, (conditions) =>
        conditions.some(
          (c) => lower(c.field) === "operationname" && lower(c.equals) === lower(options.operation),
        ),
      );
      if ("unknown" in result)
        return notApplicable("the activity log alerts are not known", {
          path: "activityLogAlerts",
          actual: result.unknown,
        });
      if (result.found)
        return pass(`alert ${String(result.found.name)} fires on ${options.operation}`, {
          path: "activityLogAlerts",
        });
      return fail(`no enabled subscription-wide activity log alert fires on ${options.operation}`, {
        path: "activityLogAlerts",
        expected: `an alert with operationName ${options.operation}`,
      });
    },
  });
}
