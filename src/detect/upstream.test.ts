/**
 * Upstream compatibility: Falco's own plugin rule files (read unchanged from ../shared) load with
 * zero errors and fire on matching events.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Engine } from "./engine.js";
import { RuleSet } from "./loader.js";
import { EventFactory } from "./readers.js";

const root = join(import.meta.dirname, "..", "..");
export const UPSTREAM_PLUGINS = join(root, "..", "shared", "upstream", "falco", "plugins");
const FILES = [
  "cloudtrail/rules/aws_cloudtrail_rules.yaml",
  "gcpaudit/rules/gcp_auditlog_rules.yaml",
  "github/rules/github.yaml",
  "k8saudit/rules/k8s_audit_rules.yaml",
  "k8saudit-gke/rules/k8s_audit_rules_gke.yaml",
  "okta/rules/okta_rules.yaml",
];

function loadUpstream(files = FILES): Engine {
  const rs = new RuleSet();
  for (const f of files) rs.loadPath(join(UPSTREAM_PLUGINS, f), UPSTREAM_PLUGINS);
  return Engine.fromRuleSet(rs);
}

function fired(engine: Engine, source: string, raws: Record<string, unknown>[]): string[] {
  const factory = new EventFactory();
  return raws.flatMap((raw) => engine.process(factory.make(source, raw)).map((a) => a.rule));
}

describe("upstream Falco plugin rules", () => {
  const engine = loadUpstream();

  it("every plugin rule file loads with zero errors and zero warnings", () => {
    assert.deepEqual(engine.messages, []);
    // 145 rules in the files, 11 disabled by default (cloudtrail 2, okta 9).
    assert.equal(engine.rules.length, 134);
  });

  it("each file also loads alone (the GKE override needs the k8saudit file first)", () => {
    for (const f of FILES.filter((x) => !x.includes("gke")))
      assert.deepEqual(loadUpstream([f]).errors, [], f);
    const gkeAlone = loadUpstream(["k8saudit-gke/rules/k8s_audit_rules_gke.yaml"]);
    assert.ok(gkeAlone.errors.every((m) => m.code === "LOAD_ERR_VALIDATE"));
  });

  it("cloudtrail: StopLogging and console login without MFA fire", () => {
    const user = { type: "IAMUser", userName: "alice", arn: "arn:aws:iam::1:user/alice", accountId: "1" };
    const rules = fired(engine, "aws_cloudtrail", [
      {
        eventName: "StopLogging",
        eventSource: "cloudtrail.amazonaws.com",
        userIdentity: user,
        requestParameters: { name: "trail" },
        awsRegion: "us-east-1",
        sourceIPAddress: "1.2.3.4",
        eventTime: "2026-01-01T00:00:00Z",
      },
      {
        eventName: "ConsoleLogin",
        eventSource: "signin.amazonaws.com",
        userIdentity: user,
        responseElements: { ConsoleLogin: "Success" },
        additionalEventData: { MFAUsed: "No" },
      },
      {
        eventName: "ConsoleLogin",
        eventSource: "signin.amazonaws.com",
        userIdentity: user,
        responseElements: { ConsoleLogin: "Success" },
        additionalEventData: { MFAUsed: "Yes" },
      },
    ]);
    assert.deepEqual(rules, ["CloudTrail Logging Disabled", "Console Login Without MFA"]);
  });

  it("k8s_audit: a privileged pod fires; a GKE robot is excepted by the GKE override", () => {
    const pod = {
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      stage: "ResponseComplete",
      verb: "create",
      user: { username: "kops" },
      objectRef: { resource: "pods", namespace: "default" },
      responseStatus: { code: 201 },
      responseObject: { metadata: { name: "p" } },
      requestObject: {
        spec: { containers: [{ image: "evil/miner:1", securityContext: { privileged: true } }] },
      },
    };
    assert.ok(fired(engine, "k8s_audit", [pod]).includes("Create Privileged Pod"));
    const robot = {
      ...pod,
      verb: "get",
      requestObject: undefined,
      user: { username: "123@container-engine-robot.iam.gserviceaccount.com" },
    };
    assert.ok(!fired(engine, "k8s_audit", [robot]).includes("Disallowed K8s User"));
    const stranger = { ...robot, user: { username: "stranger@example.com" } };
    assert.ok(fired(engine, "k8s_audit", [stranger]).includes("Disallowed K8s User"));
  });

  it("gcp_auditlog: a bucket made public fires", () => {
    const rules = fired(engine, "gcp_auditlog", [
      {
        resource: { type: "gcs_bucket", labels: { bucket_name: "b", project_id: "p" } },
        protoPayload: {
          serviceName: "storage.googleapis.com",
          methodName: "storage.setIamPermissions",
          authenticationInfo: { principalEmail: "a@example.com" },
          serviceData: {
            policyDelta: {
              bindingDeltas: [{ action: "ADD", member: "allUsers", role: "roles/storage.objectViewer" }],
            },
          },
        },
      },
    ]);
    assert.ok(rules.includes("GCP Bucket configured to be public"), rules.join());
  });

  it("okta: a lockout fires, and three MFA failures in five minutes fire the counter rule", () => {
    const actor = { id: "u1", alternateId: "eve@example.com", displayName: "Eve", type: "User" };
    const failure = (minute: number) => ({
      uuid: `f${minute}`,
      published: `2026-01-01T00:0${minute}:00Z`,
      eventType: "user.authentication.auth_via_mfa",
      actor,
      outcome: { result: "FAILURE", reason: "INVALID_CREDENTIALS" },
      client: { ipAddress: "203.0.113.1" },
    });
    assert.deepEqual(
      fired(engine, "okta", [
        { ...failure(0), eventType: "user.account.lock", outcome: { result: "SUCCESS" } },
      ]),
      ["User has been locked out in OKTA"],
    );
    const okta = loadUpstream(["okta/rules/okta_rules.yaml"]);
    const rules = fired(okta, "okta", [failure(0), failure(1), failure(2)]);
    assert.deepEqual(rules, ["Too many failed MFA in last 5min"]);
    assert.deepEqual(
      fired(loadUpstream(["okta/rules/okta_rules.yaml"]), "okta", [
        failure(0),
        failure(1),
        { ...failure(8) },
      ]),
      [],
    );
  });

  it("github: a repository made public fires", () => {
    const rules = fired(engine, "github", [
      {
        event: "repository",
        payload: {
          action: "publicized",
          repository: {
            name: "r",
            full_name: "o/r",
            html_url: "https://github.com/o/r",
            private: false,
            owner: { login: "o" },
          },
          sender: { login: "eve" },
        },
      },
    ]);
    assert.deepEqual(rules, ["Private Repository Becoming Public"]);
  });
});
