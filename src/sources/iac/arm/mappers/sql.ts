import { isUnknown } from "../../../../model/index.js";
import { type ArmMapper, armBool, armProp, orDefault } from "./context.js";

export const sqlServerMapper: ArmMapper = {
  canonicalType: "azure.sql.server",
  armType: "Microsoft.Sql/servers",
  childTypes: [
    "Microsoft.Sql/servers/firewallRules",
    "Microsoft.Sql/servers/administrators",
    "Microsoft.Sql/servers/auditingSettings",
    "Microsoft.Sql/servers/azureADOnlyAuthentications",
  ],
  map(server, children, ctx) {
    for (const key of ["publicNetworkAccess", "minimalTlsVersion", "administrators"])
      ctx.at(key, server, "properties", key);
    const ofType = (suffix: string) =>
      children.filter((c) => c.type.toLowerCase().endsWith(`/${suffix.toLowerCase()}`));

    let administrators: unknown = armProp(server, "administrators") ?? null;
    const adminChild = ofType("administrators")[0];
    if (adminChild) {
      ctx.at("administrators", adminChild);
      const p = adminChild.body.properties as Record<string, unknown> | undefined;
      administrators = isUnknown(p)
        ? p
        : {
            administratorType: p?.administratorType ?? "ActiveDirectory",
            login: p?.login ?? null,
            sid: p?.sid ?? null,
          };
    }
    const aadOnly = ofType("azureADOnlyAuthentications")[0];
    if (aadOnly && administrators && typeof administrators === "object" && !isUnknown(administrators))
      administrators = {
        ...administrators,
        azureADOnlyAuthentication: armBool(
          (aadOnly.body.properties as Record<string, unknown> | undefined)?.azureADOnlyAuthentication,
          false,
        ),
      };

    const auditing = ofType("auditingSettings")[0];
    if (auditing) ctx.at("auditing", auditing);
    const firewallRules = ofType("firewallRules").map((rule, i) => {
      ctx.at(`firewallRules[${i}]`, rule);
      const p = (rule.body.properties ?? {}) as Record<string, unknown>;
      return {
        name: typeof rule.name === "string" ? rule.name.split("/").pop() : rule.name,
        startIpAddress: p.startIpAddress ?? null,
        endIpAddress: p.endIpAddress ?? null,
      };
    });
    return {
      version: armProp(server, "version") ?? null,
      publicNetworkAccess: orDefault(armProp(server, "publicNetworkAccess"), "Enabled"),
      // Absent means the server accepts any TLS version.
      minimalTlsVersion: orDefault(armProp(server, "minimalTlsVersion"), "None"),
      administrators,
      auditing: auditing
        ? { state: (auditing.body.properties as Record<string, unknown> | undefined)?.state ?? "Disabled" }
        : { state: "Disabled" },
      firewallRules,
    };
  },
};
