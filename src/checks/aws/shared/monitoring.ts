/**
 * The CIS AWS monitoring chain (controls 5.1–5.15): a multi-region trail
 * that logs all management events to CloudWatch Logs, a metric filter on that
 * log group whose pattern covers the control's events, an alarm on the
 * filter's metric, and an SNS topic with a confirmed subscriber among the
 * alarm's actions.
 *
 * Patterns are compared by their terms, not by text: each `$.field op value`
 * comparison is normalised (spaces and quotes removed), so a pattern that
 * lists the same alternatives in another order or spacing still matches.
 */
import { getPath, isUnknown, type Resource } from "../../../model/index.js";
import { type CheckResult, fail, notApplicable, pass } from "../../check.js";
import { isRecord } from "./read.js";

/** The normalised comparisons of a metric filter pattern. */
export function patternTerms(pattern: string): Set<string> {
  const terms = new Set<string>();
  const comparison =
    /\$\.([\w.[\]-]+)\s*(!=|=|>=|<=|>|<)\s*("(?:[^"\\]|\\.)*"|[^\s()&|}]+)|\$\.([\w.[\]-]+)\s+(NOT\s+EXISTS|IS\s+\w+)/gi;
  for (const m of pattern.matchAll(comparison)) {
    if (m[1] !== undefined) terms.add(term(m[1], m[2] as string, unquote(m[3] as string)));
    else terms.add(term(m[4] as string, (m[5] as string).replace(/\s+/g, " ").toUpperCase(), ""));
  }
  return terms;
}

const unquote = (v: string) => (v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);
export const term = (field: string, op: string, value: string) => `${field}${op === "=" ? "=" : op}${value}`;
export const eventNames = (...names: string[]) => names.map((n) => term("eventName", "=", n));

/** The terms a metric filter must contain to cover one CIS control. */
export interface MonitoringRequirement {
  control: string;
  /** What is watched, for messages: "unauthorized API calls". */
  subject: string;
  terms: string[];
}

export function missingTerms(pattern: string, required: readonly string[]): string[] {
  const terms = patternTerms(pattern);
  return required.filter((t) => !terms.has(t));
}

interface TrailView {
  trailArn?: unknown;
  isMultiRegionTrail?: unknown;
  isLogging?: unknown;
  eventSelectors?: unknown;
  advancedEventSelectors?: unknown;
  cloudWatchLogsLogGroupArn?: unknown;
  metricFilters?: unknown;
}

/** A trail logs every management event (reads and writes), by basic or advanced selectors. */
export function logsAllManagementEvents(trail: TrailView): boolean {
  const basic = Array.isArray(trail.eventSelectors) ? trail.eventSelectors : [];
  const advanced = Array.isArray(trail.advancedEventSelectors) ? trail.advancedEventSelectors : [];
  // A trail without selectors logs all management events (the default).
  if (basic.length === 0 && advanced.length === 0) return true;
  if (
    basic.some(
      (s) => isRecord(s) && s.includeManagementEvents !== false && (s.readWriteType ?? "All") === "All",
    )
  )
    return true;
  return advanced.some((s) => {
    if (!isRecord(s) || !Array.isArray(s.fieldSelectors)) return false;
    const fields = s.fieldSelectors.filter(isRecord);
    const category = fields.find((f) => f.field === "eventCategory");
    const readOnly = fields.find((f) => f.field === "readOnly");
    return (
      Array.isArray(category?.equals) && category.equals.includes("Management") && readOnly === undefined
    );
  });
}

/** Decides one monitoring control on an `aws.account` resource. */
export function evaluateMonitoring(resource: Resource, requirement: MonitoringRequirement): CheckResult {
  const trails = getPath(resource.properties, "trails");
  if (isUnknown(trails))
    return notApplicable("the account's trails are not known", { path: "trails", actual: trails });
  const list = Array.isArray(trails) ? (trails as TrailView[]) : [];
  const reasons: string[] = [];
  let unknownSeen: { path: string; value: unknown } | undefined;
  for (const [i, trail] of list.entries()) {
    if (!isRecord(trail)) continue;
    const name = String(trail.trailArn ?? `trails[${i}]`);
    if (isUnknown(trail.isLogging))
      unknownSeen ??= { path: `trails[${i}].isLogging`, value: trail.isLogging };
    if (trail.isMultiRegionTrail !== true) reasons.push(`${name} is not multi-region`);
    else if (trail.isLogging !== true) reasons.push(`${name} is not logging`);
    else if (!logsAllManagementEvents(trail)) reasons.push(`${name} does not log all management events`);
    else if (!trail.cloudWatchLogsLogGroupArn) reasons.push(`${name} does not send to CloudWatch Logs`);
  }
  for (const [i, trail] of list.entries()) {
    if (!isRecord(trail) || trail.isMultiRegionTrail !== true || trail.isLogging !== true) continue;
    if (!logsAllManagementEvents(trail) || !trail.cloudWatchLogsLogGroupArn) continue;
    const filters = trail.metricFilters;
    if (isUnknown(filters)) {
      unknownSeen ??= { path: `trails[${i}].metricFilters`, value: filters };
      continue;
    }
    const matching = (Array.isArray(filters) ? filters : []).filter(
      (f) => isRecord(f) && missingTerms(String(f.filterPattern ?? ""), requirement.terms).length === 0,
    ) as Record<string, unknown>[];
    if (matching.length === 0) {
      reasons.push(
        `no metric filter on ${String(trail.cloudWatchLogsLogGroupArn)} matches ${requirement.subject}`,
      );
      continue;
    }
    for (const filter of matching) {
      const alarms = Array.isArray(filter.alarms) ? filter.alarms.filter(isRecord) : [];
      if (alarms.length === 0) {
        reasons.push(`metric filter ${String(filter.filterName)} has no alarm`);
        continue;
      }
      const notifying = alarms.find(
        (a) => Array.isArray(a.subscribedTopics) && a.subscribedTopics.length > 0,
      );
      if (!notifying) {
        reasons.push(`no alarm on ${String(filter.filterName)} notifies an SNS topic with a subscriber`);
        continue;
      }
      const j = (filters as unknown[]).indexOf(filter);
      return pass(
        `${requirement.subject} are monitored: filter ${String(filter.filterName)} → alarm ${String(notifying.alarmName)}`,
        {
          path: `trails[${i}].metricFilters[${j}]`,
          actual: {
            filterName: filter.filterName,
            alarmName: notifying.alarmName,
            topics: notifying.subscribedTopics,
          },
        },
      );
    }
  }
  if (unknownSeen)
    return notApplicable(`the monitoring chain is not fully known`, {
      path: unknownSeen.path,
      actual: unknownSeen.value,
    });
  return fail(
    `${requirement.subject} are not monitored${reasons.length > 0 ? `: ${reasons.join("; ")}` : ": the account has no trail"}`,
    {
      path: "trails",
      actual: list.map((t) => (isRecord(t) ? t.trailArn : t)),
      expected: `a multi-region trail to CloudWatch Logs with a metric filter covering ${requirement.terms.join(", ")}, an alarm and a subscribed SNS topic`,
    },
  );
}
