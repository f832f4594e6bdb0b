import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, obj, POD_SPEC_REFERENCE } from "../../../lib/k8s.js";

const ALLOWED_TYPES = new Set([
  "",
  "container_t",
  "container_init_t",
  "container_kvm_t",
  "container_engine_t",
]);

export default defineCheck({
  id: "k8s.pod-security.selinux",
  title: "SELinux options do not escape the container domain",
  description:
    "Setting a custom SELinux user or role, or a type outside the container types, can lift the confinement SELinux puts on the container. Pod Security Standards (baseline) restrict seLinuxOptions.",
  severity: "medium",
  resourceTypes: ["k8s.workload"],
  remediation:
    "Remove seLinuxOptions.user and seLinuxOptions.role, and use type container_t (or container_init_t, container_kvm_t, container_engine_t) or none.",
  references: [POD_SPEC_REFERENCE],
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const options = obj(c.security.seLinuxOptions);
      const path = `${c.securityPath}.seLinuxOptions`;
      for (const field of ["user", "role"])
        if (typeof options[field] === "string" && options[field] !== "")
          return fail(`container ${c.name} sets a custom SELinux ${field} ${String(options[field])}`, {
            path: `${path}.${field}`,
            actual: options[field],
            expected: "unset",
          });
      if (typeof options.type === "string" && !ALLOWED_TYPES.has(options.type))
        return fail(`container ${c.name} runs with SELinux type ${options.type}`, {
          path: `${path}.type`,
          actual: options.type,
          expected: [...ALLOWED_TYPES].filter((t) => t !== "").join(", "),
        });
      return pass(`container ${c.name} keeps the container SELinux domain`, { path });
    });
  },
});
