import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { evaluateResource } from "../../../checks/evaluate.js";
import { CheckRegistry } from "../../../checks/registry.js";
import { locate, type Resource } from "../../../model/index.js";
import { format, loadKubernetes } from "./index.js";

function dir(): string {
  return mkdtempSync(join(tmpdir(), "mamori-k8s-"));
}

function write(root: string, name: string, text: string): string {
  const file = join(root, name);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const byAddress = (resources: Resource[], suffix: string): Resource => {
  const found = resources.find((r) => r.id.endsWith(suffix));
  assert.ok(found, `no resource ${suffix} in ${resources.map((r) => r.id).join(", ")}`);
  return found;
};

const DEPLOYMENT = `# a web app
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web }
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: app
          image: nginx:1.27.0
          securityContext:
            privileged: true
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  namespace: jobs
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: init
              image: busybox:1.36
          containers:
            - name: job
              image: example.com/job:1.0
`;

describe("kubernetes format: detection", () => {
  it("claims manifests by content, charts by Chart.yaml, and not chart templates or other YAML", () => {
    assert.equal(format.claims("a/app.yaml", "apiVersion: v1\nkind: Pod\n"), true);
    assert.equal(format.claims("a/app.json", '{"apiVersion": "v1", "kind": "Pod"}'), true);
    assert.equal(format.claims("charts/web/Chart.yaml", "apiVersion: v2\nname: web\n"), true);
    assert.equal(
      format.claims(
        "charts/web/templates/deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
      ),
      false,
    );
    assert.equal(
      format.claims("stack.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n"),
      false,
    );
    assert.equal(format.claims("notes.txt", "apiVersion: v1\nkind: Pod\n"), false);
  });
});

describe("kubernetes format: parsing", () => {
  it("reads every document with positions and normalises workloads to one shape", async () => {
    const root = dir();
    const file = write(root, "app.yaml", DEPLOYMENT);
    const result = await loadKubernetes([file], { roots: [root] });
    assert.deepEqual(result.errors, []);
    assert.equal(result.resources.length, 2);

    const web = byAddress(result.resources, "app.yaml#default/Deployment/web");
    assert.equal(web.type, "k8s.workload");
    assert.equal(web.provider, "kubernetes");
    assert.equal(web.properties.namespace, "default");
    assert.equal(web.properties.namespaceDefaulted, true);
    assert.deepEqual(web.tags, { app: "web" });
    assert.deepEqual(web.provenance.kind === "iac" && web.provenance.range, { startLine: 2, endLine: 16 });
    const container = (web.properties.podSpec as { containers: Array<Record<string, unknown>> })
      .containers[0];
    assert.deepEqual(container?.effectiveSecurityContext, { runAsNonRoot: true, privileged: true });
    // A finding on the merged view points at the line that set the value: the pod's (11) or the container's (16).
    assert.equal(locate(web, "podSpec.containers[0].effectiveSecurityContext.runAsNonRoot")?.startLine, 11);
    assert.equal(locate(web, "podSpec.containers[0].effectiveSecurityContext.privileged")?.startLine, 16);
    assert.equal(locate(web, "podSpec.containers[0].image")?.startLine, 14);

    const cron = byAddress(result.resources, "app.yaml#jobs/CronJob/nightly");
    const spec = cron.properties.podSpec as Record<string, Array<Record<string, unknown>>>;
    assert.equal(spec.containers?.[0]?.name, "job");
    assert.equal(spec.initContainers?.[0]?.name, "init");
    assert.deepEqual(spec.ephemeralContainers, []);
    assert.equal(cron.properties.namespaceDefaulted, false);
    assert.equal(cron.properties.schedule, "0 3 * * *");
    assert.equal(locate(cron, "podSpec.initContainers[0].image")?.startLine, 31);
  });

  it("unpacks List kinds and JSON manifests with their own lines", async () => {
    const root = dir();
    const list = write(
      root,
      "list.yaml",
      "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ServiceAccount\n    metadata: { name: a, namespace: x }\n  - apiVersion: v1\n    kind: Service\n    metadata: { name: b, namespace: x }\n    spec:\n      type: NodePort\n",
    );
    const json = write(
      root,
      "pod.json",
      '{\n\t"apiVersion": "v1",\n\t"kind": "Pod",\n\t"metadata": {"name": "p", "namespace": "x"},\n\t"spec": {"containers": [\n\t\t{"name": "c", "image": "nginx"}\n\t]}\n}\n',
    );
    const result = await loadKubernetes([list, json], { roots: [root] });
    assert.deepEqual(result.errors, []);
    const sa = byAddress(result.resources, "list.yaml#x/ServiceAccount/a");
    assert.equal(sa.type, "k8s.service-account");
    assert.deepEqual(sa.provenance.kind === "iac" && sa.provenance.range, { startLine: 4, endLine: 6 });
    const service = byAddress(result.resources, "list.yaml#x/Service/b");
    assert.equal(locate(service, "spec.type")?.startLine, 11);
    const pod = byAddress(result.resources, "pod.json#x/Pod/p");
    assert.equal(locate(pod, "podSpec.containers[0].image")?.startLine, 6);
  });

  it("reports a syntax error with line and column and keeps the other documents", async () => {
    const root = dir();
    const file = write(
      root,
      "broken.yaml",
      "apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: ok1 }\n---\napiVersion: v1\nkind: Pod\nmetadata: [oops\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: { name: ok2 }\n",
    );
    const result = await loadKubernetes([file], { roots: [root] });
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]?.source, "broken.yaml");
    assert.equal(result.errors[0]?.line, 8);
    assert.ok(result.errors[0]?.column !== undefined);
    assert.match(result.errors[0]?.message ?? "", /YAML syntax error/);
    assert.deepEqual(
      result.resources.map((r) => r.name),
      ["ok1", "ok2"],
    );
  });

  it("refuses YAML aliases and files over the size cap", async () => {
    const root = dir();
    const alias = write(
      root,
      "alias.yaml",
      "apiVersion: v1\nkind: ConfigMap\ndata: &a { x: 1 }\nmore: [*a, *a]\n",
    );
    const big = write(root, "big.yaml", `apiVersion: v1\nkind: Pod\n# ${"x".repeat(2000)}\n`);
    const result = await loadKubernetes([alias, big], { roots: [root], maxFileBytes: 1000 });
    assert.equal(result.resources.length, 0);
    assert.match(result.errors[0]?.message ?? "", /aliases are not allowed/);
    assert.equal(result.errors[0]?.line, 4);
    assert.match(result.errors[1]?.message ?? "", /over the 1000-byte limit/);
    assert.equal(result.errors[1]?.source, "big.yaml");
  });

  it("reads mamori:ignore comments and annotations, and refuses one without a reason", async () => {
    const root = dir();
    const file = write(
      root,
      "ignored.yaml",
      [
        "apiVersion: v1",
        "kind: Service",
        "metadata:",
        "  name: web",
        "  namespace: shop",
        "  annotations:",
        '    mamori.dev/ignore: "k8s.network.service-node-port exposed on purpose for the lab"',
        "spec:",
        "  type: NodePort # mamori:ignore k8s.workload.default-namespace namespaced by kustomize",
        "---",
        "# mamori:ignore k8s.rbac.wildcard",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: ClusterRole",
        "metadata: { name: admin }",
        "rules: []",
        "",
      ].join("\n"),
    );
    const result = await loadKubernetes([file], { roots: [root] });
    assert.deepEqual(
      result.suppressions.map((s) => [s.checkId, s.reason, s.line, s.resourceId]),
      [
        ["k8s.workload.default-namespace", "namespaced by kustomize", 9, "ignored.yaml#shop/Service/web"],
        [
          "k8s.network.service-node-port",
          "exposed on purpose for the lab",
          7,
          "ignored.yaml#shop/Service/web",
        ],
      ],
    );
    assert.deepEqual(result.errors, [
      { source: "ignored.yaml", message: "mamori:ignore k8s.rbac.wildcard needs a reason", line: 11 },
    ]);
  });

  it("lists the NetworkPolicies of the whole scan set on each Namespace", async () => {
    const root = dir();
    const ns = write(
      root,
      "ns.yaml",
      "apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: empty }\n",
    );
    const np = write(
      root,
      "policies/deny.yaml",
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: shop }\nspec: { podSelector: {} }\n",
    );
    const result = await loadKubernetes([ns, np], { roots: [root] });
    assert.deepEqual(
      byAddress(result.resources, "ns.yaml#_cluster/Namespace/shop").properties.networkPolicies,
      ["deny"],
    );
    assert.deepEqual(
      byAddress(result.resources, "ns.yaml#_cluster/Namespace/empty").properties.networkPolicies,
      [],
    );
    assert.ok(byAddress(result.resources, "policies/deny.yaml#shop/NetworkPolicy/deny"));
  });
});

describe("kubernetes format: Helm charts", () => {
  const chart = (root: string) => {
    write(root, "web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
    write(root, "web/values.yaml", "replicas: 2\n");
    return write(
      root,
      "web/templates/deployment.yaml",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n",
    );
  };

  it("notes that a chart is skipped when helm is not on PATH, and never reports its templates as broken YAML", async () => {
    const root = dir();
    const template = chart(root);
    const saved = process.env.PATH;
    process.env.PATH = join(root, "no-helm-here");
    try {
      const result = await loadKubernetes([join(root, "web/Chart.yaml"), template], { roots: [root] });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(
        result.notes.map((n) => [n.source, n.message]),
        [
          ["web", "Helm chart skipped: helm is not on PATH"],
          [
            "web/templates/deployment.yaml",
            "Helm template skipped: scan its chart folder (with helm on PATH) to render it",
          ],
        ],
      );
    } finally {
      process.env.PATH = saved;
    }
  });

  it("renders a chart with the helm on PATH and attributes documents to their templates", async () => {
    // helm itself is not installable here; this executable prints what `helm template` prints for the
    // chart above, so the test covers the invocation and the parsing of its output.
    const root = dir();
    chart(root);
    const bin = join(root, "bin");
    write(
      root,
      "bin/helm",
      [
        "#!/bin/sh",
        '[ "$1" = template ] || exit 9',
        "cat <<'OUT'",
        "---",
        "# Source: web/templates/deployment.yaml",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: mamori-scan",
        "spec:",
        "  replicas: 2",
        "OUT",
        "",
      ].join("\n"),
    );
    chmodSync(join(bin, "helm"), 0o755);
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved ?? ""}`;
    try {
      const result = await loadKubernetes([join(root, "web/Chart.yaml")], { roots: [root] });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.notes, []);
      const deployment = byAddress(
        result.resources,
        "web/templates/deployment.yaml#default/Deployment/mamori-scan",
      );
      assert.equal(deployment.properties.replicas, 2);
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe("kubernetes format: findings point at the offending line", () => {
  it("locates a container-level and an inherited pod-level setting", async () => {
    const { default: privileged } = await import("../../../checks/k8s/pod-security/privileged/check.js");
    const { default: runAsUser } = await import("../../../checks/k8s/pod-security/run-as-user-root/check.js");
    const registry = new CheckRegistry([privileged, runAsUser]);
    const root = dir();
    const file = write(
      root,
      "deploy.yaml",
      [
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata: { name: api, namespace: shop }",
        "spec:",
        "  template:",
        "    spec:",
        "      securityContext:",
        "        runAsUser: 0",
        "      containers:",
        "        - name: api",
        "          image: example.com/api:1.0",
        "          securityContext:",
        "            privileged: true",
        "",
      ].join("\n"),
    );
    const result = await loadKubernetes([file], { roots: [root] });
    const findings = result.resources.flatMap((r) => evaluateResource(r, registry, () => []));
    const failed = findings
      .filter((f) => f.status === "fail")
      .map((f) => [f.checkId, f.key, f.location?.file, f.location?.startLine]);
    assert.deepEqual(failed.sort(), [
      ["k8s.pod-security.privileged", "containers/api", "deploy.yaml", 13],
      ["k8s.pod-security.run-as-user-root", "containers/api", "deploy.yaml", 8],
    ]);
  });
});
