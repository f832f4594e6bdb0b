import { defineCheck, fail, pass } from "../../check.js";

export default defineCheck({
  id: "docker.healthcheck",
  title: "The image defines a HEALTHCHECK",
  description:
    "A HEALTHCHECK lets the runtime tell a hung container from a healthy one. (On Kubernetes, probes in the pod spec do this job.) CIS Docker 4.6.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation: "Add a HEALTHCHECK to the final stage that probes the service.",
  references: ["CIS Docker 4.6", "https://docs.docker.com/reference/dockerfile/#healthcheck"],
  fixes: {
    dockerfile:
      'HEALTHCHECK --interval=30s --timeout=3s CMD ["curl", "-fsS", "http://localhost:8080/healthz"]',
  },
  evaluate(resource) {
    const check = resource.properties.healthcheck as { test?: unknown } | null | undefined;
    const test = Array.isArray(check?.test) ? (check?.test as unknown[]) : [];
    if (test.length > 0 && test[0] !== "NONE")
      return pass("the image has a health check", { path: "healthcheck" });
    return fail(
      test[0] === "NONE" ? "the health check is disabled (HEALTHCHECK NONE)" : "the image has no HEALTHCHECK",
      {
        path: "healthcheck",
        actual: check ?? null,
        expected: "a HEALTHCHECK command",
      },
    );
  },
});
