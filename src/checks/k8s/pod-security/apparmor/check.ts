import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, obj, POD_SPEC_REFERENCE, podSpec } from "../../../lib/k8s.js";

const ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";
const allowedAnnotation = (v: string) => v === "runtime/default" || v.startsWith("localhost/");
const allowedType = (t: unknown) => t === undefined || t === "RuntimeDefault" || t === "Localhost";

export default defineCheck({
  id: "k8s.pod-security.apparmor",
  title: "AppArmor is not disabled",
  description:
    "AppArmor confines what a container may do on the node. Pod Security Standards (baseline) forbid the Unconfined profile and any profile other than the runtime default or one loaded on the node.",
  severity: "medium",
  resourceTypes: ["k8s.workload"],
  remediation:
    "Set securityContext.appArmorProfile.type to RuntimeDefault (or Localhost), or remove the AppArmor annotation that sets unconfined.",
  references: [POD_SPEC_REFERENCE],
  fixes: { kubernetes: "securityContext:\n  appArmorProfile:\n    type: RuntimeDefault" },
  evaluate(resource) {
    const podType = obj(obj(podSpec(resource).securityContext).appArmorProfile).type;
    if (!allowedType(podType))
      return fail(`the pod's AppArmor profile is ${String(podType)}`, {
        path: "podSpec.securityContext.appArmorProfile.type",
        actual: podType,
        expected: "RuntimeDefault or Localhost",
      });
    const annotations = obj(resource.properties.podAnnotations);
    return eachContainer(resource, (c) => {
      const annotation = annotations[`${ANNOTATION}${c.name}`];
      if (typeof annotation === "string" && !allowedAnnotation(annotation))
        return fail(`container ${c.name} has AppArmor profile ${annotation}`, {
          path: `podAnnotations["${ANNOTATION}${c.name}"]`,
          actual: annotation,
          expected: "runtime/default or localhost/<profile>",
        });
      const type = obj(c.security.appArmorProfile).type;
      if (!allowedType(type))
        return fail(`container ${c.name} has AppArmor profile ${String(type)}`, {
          path: `${c.securityPath}.appArmorProfile.type`,
          actual: type,
          expected: "RuntimeDefault or Localhost",
        });
      return pass(`container ${c.name} keeps an AppArmor profile`, {
        path: `${c.securityPath}.appArmorProfile`,
      });
    });
  },
});
