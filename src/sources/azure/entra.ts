import { markerOf } from "./children.js";
import type { EntraInput } from "./normalize.js";
import type { RestReader } from "./rest.js";

/**
 * The Entra ID settings CIS reads, from Microsoft Graph v1.0: the security
 * defaults policy and the authorization policy (guest invitations, what
 * default users may create). Reading them needs `Policy.Read.All`; a
 * credential without it gets a 403, which becomes an error marker, so the
 * checks on the tenant report `error` with the reason instead of passing.
 */

export const GRAPH_CALLS = {
  securityDefaults: "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy",
  authorizationPolicy: "/v1.0/policies/authorizationPolicy",
} as const;

export interface EntraResult {
  entra: EntraInput;
  errors: string[];
}

export async function readEntra(graph: RestReader): Promise<EntraResult> {
  const entra: EntraInput = {};
  const errors: string[] = [];
  await Promise.all(
    (Object.entries(GRAPH_CALLS) as [keyof typeof GRAPH_CALLS, string][]).map(async ([key, path]) => {
      try {
        entra[key] = await graph.get(path);
      } catch (error) {
        const marker = markerOf(`Microsoft Graph GET ${path}`, error);
        if ("error" in marker) errors.push(marker.reason as string);
        // Graph answers 404 only for a policy the tenant lacks; still not a pass.
        entra[key] = marker;
      }
    }),
  );
  return { entra, errors: errors.sort() };
}

/** Which Graph policy a saved response is, from its `@odata.context` (for snapshot directories). */
export function graphPolicyOf(doc: Record<string, unknown>): keyof typeof GRAPH_CALLS | undefined {
  const context = doc["@odata.context"];
  if (typeof context !== "string") return undefined;
  if (/#policies\/identitySecurityDefaultsEnforcementPolicy/i.test(context)) return "securityDefaults";
  if (/#policies\/authorizationPolicy/i.test(context)) return "authorizationPolicy";
  return undefined;
}
