import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.web.managed-identity",
  title: "App Service app uses a managed identity",
  description:
    "A managed identity lets the app reach other Azure services without secrets stored in settings or code.",
  severity: "low",
  resourceTypes: ["azure.web.app"],
  remediation:
    "Add identity: {type: SystemAssigned} (or a user-assigned identity) and grant it the roles the app needs.",
  references: ["https://learn.microsoft.com/en-us/azure/app-service/overview-managed-identity"],
  fixes: {
    arm: '"identity": { "type": "SystemAssigned" }',
    terraform: 'identity { type = "SystemAssigned" }',
  },
  evaluate(resource) {
    const identity = resource.properties.identity;
    if (isUnknown(identity))
      return notApplicable("the identity is not known at scan time", { path: "identity", actual: identity });
    const type = getPath(identity, "type");
    if (typeof type === "string" && type !== "None")
      return pass(`the app has a managed identity (${type})`, { path: "identity.type", actual: type });
    return fail("the app has no managed identity", {
      path: "identity",
      actual: identity ?? null,
      expected: { type: "SystemAssigned" },
    });
  },
});
