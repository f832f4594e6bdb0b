/** The google_project mapper: one gcp.project joined with its IAM, audit, metadata, sink and service companions. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { isUnknown, type Resource } from "../../../../model/index.js";
import { format } from "../index.js";

const tmp = mkdtempSync(join(tmpdir(), "mamori-tf-gcp-project-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function projects(text: string): Promise<Resource[]> {
  const file = join(tmp, "main.tf");
  writeFileSync(file, text);
  const result = await format.load([file], { roots: [tmp] });
  assert.deepEqual([...result.errors], []);
  return result.resources.filter((r) => r.type === "gcp.project");
}

describe("terraform google_project mapper", () => {
  it("joins companions by reference and by literal project id", async () => {
    const [project, ...rest] = await projects(`
resource "google_project" "prod" {
  name       = "Acme prod"
  project_id = "acme-prod"
  labels     = { env = "prod" }
}
resource "google_project_iam_binding" "owners" {
  project = google_project.prod.project_id
  role    = "roles/owner"
  members = ["user:a@acme.example"]
}
resource "google_project_iam_member" "owner_b" {
  project = "acme-prod"
  role    = "roles/owner"
  member  = "user:b@acme.example"
}
resource "google_project_iam_audit_config" "all" {
  project = google_project.prod.project_id
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type         = "DATA_READ"
    exempted_members = ["user:c@acme.example"]
  }
}
resource "google_compute_project_metadata" "default" {
  project  = google_project.prod.project_id
  metadata = { serial-port-enable = false }
}
resource "google_compute_project_metadata_item" "oslogin" {
  project = "acme-prod"
  key     = "enable-oslogin"
  value   = "TRUE"
}
resource "google_logging_project_sink" "all" {
  project     = google_project.prod.project_id
  name        = "all-logs"
  destination = "storage.googleapis.com/acme-audit"
}
resource "google_project_service" "asset" {
  project = google_project.prod.project_id
  service = "cloudasset.googleapis.com"
}
resource "google_project_iam_member" "elsewhere" {
  project = "other-project"
  role    = "roles/owner"
  member  = "user:z@acme.example"
}
`);
    // The companion of a project not declared here makes a project of its own.
    assert.deepEqual(
      rest.map((r) => r.id),
      ["main.tf#projects/other-project"],
    );
    assert.ok(project);
    assert.equal(project.id, "main.tf#google_project.prod");
    assert.equal(project.account, "acme-prod");
    assert.deepEqual(project.tags, { env: "prod" });
    assert.deepEqual(project.properties.iamPolicy, {
      bindings: [{ role: "roles/owner", members: ["user:a@acme.example", "user:b@acme.example"] }],
    });
    assert.deepEqual(project.properties.auditConfigs, [
      {
        service: "allServices",
        auditLogConfigs: [
          { logType: "ADMIN_READ" },
          { logType: "DATA_READ", exemptedMembers: ["user:c@acme.example"] },
        ],
      },
    ]);
    assert.deepEqual(project.properties.commonInstanceMetadata, {
      items: [
        { key: "serial-port-enable", value: "FALSE" },
        { key: "enable-oslogin", value: "TRUE" },
      ],
    });
    assert.deepEqual(project.properties.loggingSinks, [
      { name: "all-logs", filter: "", destination: "storage.googleapis.com/acme-audit", disabled: false },
    ]);
    assert.deepEqual(project.properties.enabledServices, ["cloudasset.googleapis.com"]);
    assert.ok(project.provenance.kind === "iac" && project.provenance.properties?.loggingSinks);
  });

  it("a bare project has no audit configs, sinks or metadata, and no enabledServices claim", async () => {
    const [project] = await projects(`
resource "google_project" "bare" {
  name       = "Bare"
  project_id = "acme-bare"
}
`);
    assert.ok(project);
    assert.deepEqual(project.properties.iamPolicy, { bindings: [] });
    assert.deepEqual(project.properties.auditConfigs, []);
    assert.deepEqual(project.properties.loggingSinks, []);
    assert.deepEqual(project.properties.commonInstanceMetadata, { items: [] });
    assert.equal("enabledServices" in project.properties, false);
  });

  it("an unknown member makes the IAM policy unknown", async () => {
    const [project] = await projects(`
variable "who" {
  type = string
}
resource "google_project" "p" {
  name       = "P"
  project_id = "acme-p"
}
resource "google_project_iam_member" "m" {
  project = google_project.p.project_id
  role    = "roles/viewer"
  member  = var.who
}
`);
    assert.ok(project);
    assert.ok(isUnknown(project.properties.iamPolicy));
  });

  it("builds an undeclared project from its companions, stating only what they settle", async () => {
    const [project, ...rest] = await projects(`
resource "google_project_iam_member" "m" {
  project = "acme-elsewhere"
  role    = "roles/editor"
  member  = "user:a@acme.example"
}
resource "google_compute_project_metadata_item" "oslogin" {
  project = "projects/acme-elsewhere"
  key     = "enable-oslogin"
  value   = "FALSE"
}
resource "google_logging_project_sink" "filtered" {
  project     = "acme-elsewhere"
  name        = "errors"
  destination = "storage.googleapis.com/acme-logs"
  filter      = "severity>=ERROR"
}
`);
    assert.equal(rest.length, 0);
    assert.ok(project);
    assert.equal(project.account, "acme-elsewhere");
    assert.equal(project.id, "main.tf#projects/acme-elsewhere");
    assert.deepEqual(project.properties.iamPolicy, {
      bindings: [{ role: "roles/editor", members: ["user:a@acme.example"] }],
    });
    // Other metadata, sinks and audit configs may be set outside the configuration.
    assert.ok(isUnknown((project.properties.commonInstanceMetadata as { items: unknown }).items));
    assert.ok(isUnknown(project.properties.loggingSinks));
    assert.ok(isUnknown(project.properties.auditConfigs));
    assert.equal(project.properties.enabledServices, undefined);
  });

  it("states what authoritative companions of an undeclared project set", async () => {
    const [project] = await projects(`
resource "google_compute_project_metadata" "all" {
  project  = "acme-other"
  metadata = { enable-oslogin = false }
}
resource "google_project_iam_audit_config" "all" {
  project = "acme-other"
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
}
resource "google_logging_project_sink" "all" {
  project     = "acme-other"
  name        = "everything"
  destination = "storage.googleapis.com/acme-logs"
}
`);
    assert.ok(project);
    assert.deepEqual(project.properties.commonInstanceMetadata, {
      items: [{ key: "enable-oslogin", value: "FALSE" }],
    });
    assert.deepEqual(project.properties.auditConfigs, [
      { service: "allServices", auditLogConfigs: [{ logType: "ADMIN_READ" }] },
    ]);
    assert.deepEqual(project.properties.loggingSinks, [
      { name: "everything", filter: "", destination: "storage.googleapis.com/acme-logs", disabled: false },
    ]);
  });

  it("joins companions to a declared project rather than making a second one", async () => {
    const found = await projects(`
resource "google_project" "prod" {
  name       = "Acme prod"
  project_id = "acme-prod"
}
resource "google_project_iam_member" "m" {
  project = "acme-prod"
  role    = "roles/viewer"
  member  = "user:a@acme.example"
}
`);
    assert.equal(found.length, 1);
    assert.equal(found[0]?.id, "main.tf#google_project.prod");
  });

  it("reads log metrics, alert policies and Access Approval, unknown where not declared", async () => {
    const found = await projects(`
resource "google_project" "prod" {
  name       = "Acme prod"
  project_id = "acme-prod"
}
resource "google_logging_metric" "routes" {
  project = google_project.prod.project_id
  name    = "route-changes"
  filter  = "resource.type=\\"gce_route\\""
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
  }
}
resource "google_monitoring_alert_policy" "routes" {
  project      = "acme-prod"
  display_name = "routes"
  combiner     = "OR"
  enabled      = false
  conditions {
    display_name = "any"
    condition_threshold {
      filter     = "metric.type=\\"logging.googleapis.com/user/\${google_logging_metric.routes.name}\\""
      comparison = "COMPARISON_GT"
    }
  }
}
resource "google_access_approval_project_settings" "prod" {
  project_id = google_project.prod.project_id
  enrolled_services {
    cloud_product = "all"
  }
}
resource "google_logging_metric" "shared" {
  project = "acme-shared"
  name    = "route-changes"
  filter  = "resource.type=\\"gce_route\\""
}
`);
    const prod = found.find((p) => p.account === "acme-prod");
    const shared = found.find((p) => p.account === "acme-shared");
    assert.deepEqual(prod?.properties.logMetrics, [
      { name: "route-changes", filter: 'resource.type="gce_route"' },
    ]);
    assert.deepEqual(prod?.properties.alertPolicies, [
      {
        displayName: "routes",
        enabled: false,
        conditions: [
          {
            displayName: "any",
            conditionThreshold: { filter: 'metric.type="logging.googleapis.com/user/route-changes"' },
          },
        ],
      },
    ]);
    assert.deepEqual(prod?.properties.accessApprovalSettings, {
      enrolledServices: [{ cloudProduct: "all", enrollmentLevel: "BLOCK_ALL" }],
    });
    // A project known only from a companion: its metrics, alerts and enrollment are not settled here.
    assert.ok(isUnknown(shared?.properties.logMetrics));
    assert.ok(isUnknown(shared?.properties.alertPolicies));
    assert.ok(isUnknown(shared?.properties.accessApprovalSettings));
  });
});
