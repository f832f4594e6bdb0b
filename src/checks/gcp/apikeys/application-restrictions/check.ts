import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

/** Entries that restrict nothing: any referrer, any address. */
const OPEN = new Set(["*", "*.*", "0.0.0.0", "0.0.0.0/0", "::/0", "::0/0"]);

type Restrictions = {
  browserKeyRestrictions?: { allowedReferrers?: unknown };
  serverKeyRestrictions?: { allowedIps?: unknown };
  androidKeyRestrictions?: { allowedApplications?: unknown };
  iosKeyRestrictions?: { allowedBundleIds?: unknown };
};

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export default defineCheck({
  id: "gcp.apikeys.application-restrictions",
  title: "API key may be used only from named hosts or apps",
  description:
    "An API key without an application restriction (HTTP referrers, IP addresses, Android or iOS apps) works from anywhere it leaks to.",
  severity: "medium",
  resourceTypes: ["gcp.apikeys.key"],
  remediation:
    "Add an application restriction naming the referrers, server addresses or apps that use the key (gcloud services api-keys update --allowed-referrers/--allowed-ips/--allowed-application/--allowed-bundle-ids).",
  references: ["https://cloud.google.com/docs/authentication/api-keys#adding-application-restrictions"],
  evaluate(resource) {
    const path = "restrictions";
    const value = getPath(resource.properties, path);
    if (isUnknown(value)) return notApplicable("restrictions is not known", { path, actual: value });
    const r = (value ?? {}) as Restrictions;
    const named = [
      ["browserKeyRestrictions.allowedReferrers", r.browserKeyRestrictions?.allowedReferrers],
      ["serverKeyRestrictions.allowedIps", r.serverKeyRestrictions?.allowedIps],
      ["androidKeyRestrictions.allowedApplications", r.androidKeyRestrictions?.allowedApplications],
      ["iosKeyRestrictions.allowedBundleIds", r.iosKeyRestrictions?.allowedBundleIds],
    ] as const;
    for (const [field, entries] of named) {
      if (isUnknown(entries))
        return notApplicable(`${field} is not known`, { path: `${path}.${field}`, actual: entries });
      const open = list(entries).filter((e) => typeof e === "string" && OPEN.has(e.trim()));
      if (open.length > 0)
        return fail(`${field} allows ${open.join(", ")}`, {
          path: `${path}.${field}`,
          actual: entries,
          expected: "named hosts, addresses or apps only",
        });
    }
    const used = named.find(([, entries]) => list(entries).length > 0);
    if (used)
      return pass(`the key is limited by ${used[0]}`, { path: `${path}.${used[0]}`, actual: used[1] });
    return fail("the key has no application restriction", {
      path,
      actual: value ?? null,
      expected: "referrers, IP addresses, Android or iOS apps",
    });
  },
});
