import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.network.vpn-p2s-entra-only",
  title: "VPN gateway authenticates point-to-site users with Microsoft Entra ID only",
  description:
    "Entra ID authentication brings conditional access and MFA to VPN users; certificates and RADIUS secrets do not.",
  severity: "medium",
  resourceTypes: ["azure.network.vpn-gateway"],
  remediation: "Set the point-to-site configuration's authentication type to Azure Active Directory only.",
  references: ["https://learn.microsoft.com/en-us/azure/vpn-gateway/point-to-site-entra-gateway"],
  evaluate(resource) {
    const value = getPath(resource.properties, "vpnClientConfiguration");
    if (isUnknown(value))
      return notApplicable("vpnClientConfiguration is not known", {
        path: "vpnClientConfiguration",
        actual: value,
      });
    if (value === null || value === undefined)
      return notApplicable("the gateway has no point-to-site configuration", {
        path: "vpnClientConfiguration",
      });
    const types = (value as { vpnAuthenticationTypes?: unknown }).vpnAuthenticationTypes;
    const list = Array.isArray(types) ? types : [];
    if (list.length > 0 && list.every((t) => t === "AAD"))
      return pass("point-to-site users authenticate with Entra ID only", {
        path: "vpnClientConfiguration.vpnAuthenticationTypes",
        actual: list,
      });
    return fail(`point-to-site authentication types: ${list.join(", ") || "certificate (default)"}`, {
      path: "vpnClientConfiguration.vpnAuthenticationTypes",
      actual: list,
      expected: ["AAD"],
    });
  },
});
