/**
 * Every check is proven in every IaC format that can express it: for each
 * resource type a check reads, the formats whose adapter produces that type
 * must each have a pass and a fail fixture, and so must the canonical
 * resource. Which adapter produces which type is read from the adapters'
 * mapper lists, so a new mapper makes its checks owe fixtures at once.
 * What an adapter produces but cannot express for one check is an explicit
 * exception below, with its reason; an exception that is no longer needed
 * fails the test, so the list stays honest.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { describe, it } from "node:test";
import { ARM_MAPPERS } from "../sources/iac/arm/mappers/index.js";
import { MAPPERS as CFN_MAPPERS } from "../sources/iac/cloudformation/mappers/index.js";
import { canonicalType, WORKLOAD_KINDS } from "../sources/iac/kubernetes/normalize.js";
import { MAPPERS as TF_MAPPERS } from "../sources/iac/terraform/mappers/index.js";
import type { Check } from "./check.js";
import { discoverCheckFolders } from "./discover.js";
import { fixtureFormat } from "./fixtures.js";

/** Kubernetes kinds the manifest adapter models; the adapter itself says which type each becomes. */
const K8S_KINDS = [
  ...WORKLOAD_KINDS,
  "Role",
  "ClusterRole",
  "RoleBinding",
  "ClusterRoleBinding",
  "ServiceAccount",
  "NetworkPolicy",
  "Service",
  "Ingress",
  "Namespace",
];

/** Canonical types each IaC format produces (terraform-plan shares the Terraform mappers, so it is not required separately). */
const PRODUCED: Record<string, ReadonlySet<string>> = {
  // azure.subscription is built outside MAPPERS, from the subscription-level azurerm_* types.
  terraform: new Set([...TF_MAPPERS.map((m) => m.canonicalType), "azure.subscription"]),
  cloudformation: new Set(CFN_MAPPERS.map((m) => m.canonicalType)),
  // azure.subscription comes from src/sources/iac/arm/subscription.ts (pricings, contacts, alerts).
  arm: new Set([...ARM_MAPPERS.map((m) => m.canonicalType), "azure.subscription"]),
  kubernetes: new Set(K8S_KINDS.map((k) => canonicalType(k)).filter((t): t is string => t !== undefined)),
  dockerfile: new Set(["docker.image-config"]),
};

interface Exception {
  checks: string[];
  formats: string[];
  reason: string;
}

/** Checks (× formats) that cannot, or not yet, be proven in a format their adapter produces. */
const EXCEPTIONS: Exception[] = [
  {
    checks: ["aws.iam.access-key-rotation", "aws.iam.console-user-mfa", "aws.iam.unused-credentials"],
    formats: ["terraform", "cloudformation"],
    reason: "key age, MFA enrolment and last use are live facts; IaC only declares the user",
  },
  {
    checks: ["azure.storage.access-keys-regenerated"],
    formats: ["terraform", "arm"],
    reason: "key creation times are set by Azure when a key is (re)generated; IaC only declares the account",
  },
  {
    checks: ["aws.iam.expired-server-certificates"],
    formats: ["terraform"],
    reason: "IaC carries no observation time, so the check cannot judge the expiry it reads from the PEM",
  },
  {
    checks: ["aws.s3.mfa-delete"],
    formats: ["cloudformation"],
    reason: "CloudFormation cannot enable MFA delete (a root-only API call), so there is no pass",
  },
  {
    checks: ["azure.keyvault.soft-delete"],
    formats: ["terraform"],
    reason: "azurerm 3+ cannot disable soft delete, so there is no fail",
  },
  {
    checks: ["aws.ec2.instance-imdsv2"],
    formats: ["cloudformation"],
    reason:
      "adapter gap: metadata options sit in a launch template the CloudFormation adapter does not resolve",
  },
  {
    checks: ["aws.accessanalyzer.enabled", "aws.securityhub.enabled"],
    formats: ["terraform", "cloudformation"],
    reason:
      "declaring an analyzer or a Security Hub account turns it on, and absence is unknown, so there is no fail",
  },
  {
    checks: ["aws.ec2.ebs-default-encryption"],
    formats: ["cloudformation"],
    reason: "CloudFormation has no resource for EBS encryption by default",
  },
  {
    checks: ["aws.ec2.vpc-endpoints-used"],
    formats: ["terraform", "cloudformation"],
    reason:
      "endpoints may be declared in another configuration or stack, so a VPC without one here is unknown, never a fail",
  },
  {
    checks: [
      "docker.image-latest-tag",
      "docker.image-package-cache",
      "docker.image-secrets-in-history",
      "docker.image-setuid-files",
      "docker.image-sudo-installed",
    ],
    formats: ["dockerfile"],
    reason: "reads a built image (tags, layers, file system), which a Dockerfile does not have",
  },
  {
    checks: ["azure.defender.attack-path-notifications"],
    formats: ["terraform"],
    reason:
      "azurerm_security_center_contact (API 2020-01-01-preview) has no attack path notification source, so there is no pass",
  },
  {
    checks: ["azure.defender.security-contact-email"],
    formats: ["terraform"],
    reason: "azurerm_security_center_contact requires an email, so there is no fail",
  },
  {
    checks: ["azure.iam.no-root-user-access-admin", "azure.iam.owners-count"],
    formats: ["terraform", "arm"],
    reason:
      "role assignments are mostly made outside the configuration, so the declared ones are not the subscription's: too few Owners here is no fail, and roleAssignments is not mapped",
  },
  {
    checks: ["azure.monitor.activity-log-exported"],
    formats: ["terraform", "arm"],
    reason:
      "a diagnostic setting must name a destination, and a subscription without one here may export elsewhere (unknown), so there is no fail",
  },
  {
    checks: ["azure.monitor.app-insights-configured", "azure.network.bastion-exists"],
    formats: ["terraform", "arm"],
    reason:
      "components and hosts may be deployed by other configurations, so none here is unknown, never a fail (the counts are not mapped)",
  },
  {
    checks: ["azure.network.watcher-all-regions"],
    formats: ["terraform", "arm"],
    reason:
      "Azure creates a region's Network Watcher itself when a virtual network is deployed there, so a region without one here is no fail",
  },
  {
    checks: ["azure.storage.key-rotation-reminder"],
    formats: ["terraform"],
    reason: "azurerm_storage_account has no argument for the account key expiration policy (keyPolicy)",
  },
  {
    checks: ["azure.keyvault.private-endpoint", "azure.storage.private-endpoint"],
    formats: ["terraform", "arm"],
    reason:
      "endpoints may be declared in another configuration, and a manual connection waits for approval, so only a pass is expressible",
  },
  {
    checks: ["azure.storage.delete-lock"],
    formats: ["arm"],
    reason:
      "a resource-group template does not declare its group, so a lock on the group or subscription may exist outside it: no lock is unknown, never a fail",
  },
  {
    checks: ["aws.lambda.no-public-policy"],
    formats: ["cloudformation"],
    reason:
      "the CloudFormation mapper does not join AWS::Lambda::Permission into the function yet (Terraform joins aws_lambda_permission)",
  },
  {
    checks: ["gcp.project.access-approval-enabled"],
    formats: ["terraform"],
    reason:
      "project settings need an enrolled service, and a project without them may be enrolled by its folder or organization (unknown), so there is no fail",
  },
  {
    checks: ["gcp.project.essential-contacts"],
    formats: ["terraform"],
    reason:
      "contacts are usually set on the organization and inherited, so a configuration without them is unknown, never a fail",
  },
];

const exceptionKeys = new Map<string, string>();
for (const e of EXCEPTIONS)
  for (const id of e.checks) for (const format of e.formats) exceptionKeys.set(`${id} ${format}`, e.reason);

/** The formats of one fixture folder: a format name, or "canonical" for a canonical resource file. */
function formatsIn(dir: string): Set<string> {
  const formats = new Set<string>();
  if (!existsSync(dir)) return formats;
  for (const name of readdirSync(dir)) {
    const format = fixtureFormat(name)?.name;
    if (format) formats.add(format);
    else if ([".json", ".yaml", ".yml"].includes(extname(name))) formats.add("canonical");
  }
  return formats;
}

const folders = discoverCheckFolders(import.meta.dirname);
const used = new Set<string>();

describe("fixtures in every format that can express the check", async () => {
  for (const folder of folders) {
    const check = ((await import(join(folder.absoluteDir, "check.ts"))) as { default: Check }).default;
    const expected = ["canonical"];
    for (const [format, types] of Object.entries(PRODUCED))
      if (check.resourceTypes.some((t) => types.has(t))) expected.push(format);
    const pass = formatsIn(join(folder.absoluteDir, "fixtures", "pass"));
    const fail = formatsIn(join(folder.absoluteDir, "fixtures", "fail"));

    it(`${folder.id}: ${expected.join(", ")}`, () => {
      const missing: string[] = [];
      for (const format of expected) {
        const key = `${folder.id} ${format}`;
        if (exceptionKeys.has(key)) {
          used.add(key);
          continue;
        }
        if (!pass.has(format)) missing.push(`pass ${format}`);
        if (!fail.has(format)) missing.push(`fail ${format}`);
      }
      assert.deepEqual(missing, [], `${folder.id} lacks fixtures: ${missing.join(", ")}`);
    });
  }

  it("lists only exceptions that are still needed", () => {
    const stale = [...exceptionKeys.keys()].filter((key) => {
      const [id, format] = key.split(" ") as [string, string];
      const folder = folders.find((f) => f.id === id);
      if (!folder || !used.has(key)) return true;
      const dir = (kind: string) => join(folder.absoluteDir, "fixtures", kind);
      return formatsIn(dir("pass")).has(format) && formatsIn(dir("fail")).has(format);
    });
    assert.deepEqual(
      stale,
      [],
      "remove these exceptions: the check is gone, cannot use the format, or has both fixtures",
    );
  });
});
