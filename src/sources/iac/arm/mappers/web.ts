import { isUnknown } from "../../../../model/index.js";
import { type ArmMapper, armBool, armProp } from "./context.js";

export const webAppMapper: ArmMapper = {
  canonicalType: "azure.web.app",
  armType: "Microsoft.Web/sites",
  childTypes: ["Microsoft.Web/sites/config"],
  map(site, children, ctx) {
    ctx.at("httpsOnly", site, "properties", "httpsOnly");
    ctx.at("siteConfig", site, "properties", "siteConfig");
    ctx.at("siteConfig.minTlsVersion", site, "properties", "siteConfig", "minTlsVersion");
    ctx.at("siteConfig.ftpsState", site, "properties", "siteConfig", "ftpsState");
    ctx.at("identity", site, "identity");
    const inline = armProp(site, "siteConfig");
    let siteConfig: Record<string, unknown> =
      inline && typeof inline === "object" && !isUnknown(inline) ? { ...inline } : {};
    // A `config/web` child resource overrides the inline siteConfig.
    for (const child of children) {
      const short = typeof child.name === "string" ? child.name.split("/").pop() : undefined;
      if (short !== "web") continue;
      const p = child.body.properties;
      if (p && typeof p === "object" && !isUnknown(p)) {
        siteConfig = { ...siteConfig, ...(p as Record<string, unknown>) };
        for (const key of Object.keys(p)) ctx.at(`siteConfig.${key}`, child, "properties", key);
      }
    }
    const identity = site.body.identity as { type?: unknown } | undefined;
    return {
      kind: site.body.kind ?? "app",
      httpsOnly: armBool(armProp(site, "httpsOnly"), false),
      siteConfig: isUnknown(inline)
        ? inline
        : {
            minTlsVersion: siteConfig.minTlsVersion ?? "1.2",
            ftpsState: siteConfig.ftpsState ?? "AllAllowed",
            http20Enabled: armBool(siteConfig.http20Enabled, false),
            remoteDebuggingEnabled: armBool(siteConfig.remoteDebuggingEnabled, false),
          },
      identity: isUnknown(identity) ? identity : identity?.type ? { type: identity.type } : null,
    };
  },
};
