import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { daysBetween, observedAt } from "../../shared/read.js";

/** Root used within this many days of the scan counts as regular use. */
export const ROOT_USE_WINDOW_DAYS = 30;

export default defineCheck({
  id: "aws.iam.root-not-used",
  title: "The root user is not used for daily tasks",
  description: `The root user can do anything and no policy restrains it; a root password sign-in or root access key use in the ${ROOT_USE_WINDOW_DAYS} days before the scan (credential report) means root is part of regular work (CIS AWS 2.7).`,
  severity: "high",
  resourceTypes: ["aws.account"],
  remediation:
    "Do administrative work with IAM roles or IAM Identity Center; change the root password, delete root access keys and keep root for the few tasks that require it.",
  references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html"],
  evaluate(resource) {
    const at = observedAt(resource);
    if (!at) return notApplicable("only a live scan knows when root was last used");
    const uses = ["root.passwordLastUsed", "root.accessKeyLastUsed"].map((path) => ({
      path,
      value: getPath(resource.properties, path),
    }));
    const unknown = uses.find((u) => isUnknown(u.value));
    if (unknown)
      return notApplicable(`${unknown.path} is not known`, { path: unknown.path, actual: unknown.value });
    const recent = uses.filter((u) => {
      const days = daysBetween(u.value, at);
      return days !== undefined && days < ROOT_USE_WINDOW_DAYS;
    });
    const first = recent[0];
    if (!first)
      return pass(`root not used in the last ${ROOT_USE_WINDOW_DAYS} days`, {
        path: "root",
        actual: Object.fromEntries(uses.map((u) => [u.path.slice(5), u.value ?? null])),
      });
    return fail(`root was used on ${String(first.value).slice(0, 10)} (${first.path.slice(5)})`, {
      path: first.path,
      actual: first.value,
      expected: `no root use in the ${ROOT_USE_WINDOW_DAYS} days before the scan`,
    });
  },
});
