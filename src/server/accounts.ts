import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isMap, isNode, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { firstAliasOffset } from "../util/yaml.js";

/**
 * The cloud accounts a server may scan (`mamori serve --accounts FILE`).
 * YAML or JSON:
 *
 *   accounts:
 *     - name: prod
 *       provider: aws
 *       options: { profile: prod, regions: [eu-west-1], roleArn: arn:aws:iam::111122223333:role/audit }
 *     - name: corp
 *       provider: azure
 *       options: { subscriptions: [00000000-0000-0000-0000-000000000000], tenant: contoso.onmicrosoft.com }
 *     - name: analytics
 *       provider: gcp
 *       options: { projects: [acme-analytics] }   # or folder, organization, or snapshot: FILE
 *
 * The same options as `mamori cloud aws|azure|gcp`; credentials come from the
 * server's environment (profiles, instance roles, workload identity), never
 * from this file. Other top-level keys (`outputs:`) are left to their readers,
 * so one file can configure both.
 */

export class AccountConfigError extends Error {
  override name = "AccountConfigError";
}

export type AccountProvider = "aws" | "azure" | "gcp";

export interface AwsAccountOptions {
  profile?: string;
  regions?: string[];
  endpoint?: string;
  roleArn?: string;
  concurrency?: number;
}

export interface AzureAccountOptions {
  subscriptions?: string[];
  tenant?: string;
  /** Resource Manager endpoint (sovereign clouds, tests). */
  endpoint?: string;
  /** A saved Resource Graph JSON file or folder of ARM responses instead of a live read. */
  snapshot?: string;
}

export interface GcpAccountOptions {
  /** Exactly one of projects, folder and organization for a live read. */
  projects?: string[];
  folder?: string;
  organization?: string;
  /** Root URL for every Google API (a private endpoint, tests). */
  endpoint?: string;
  /** Cloud Asset Inventory export (JSON lines) or search-all-resources JSON instead of a live read. */
  snapshot?: string;
}

export type CloudAccount =
  | { name: string; provider: "aws"; options: AwsAccountOptions }
  | { name: string; provider: "azure"; options: AzureAccountOptions }
  | { name: string; provider: "gcp"; options: GcpAccountOptions };

const MAX_BYTES = 1024 * 1024;
const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPTIONS: Record<AccountProvider, string[]> = {
  aws: ["profile", "regions", "endpoint", "roleArn", "concurrency"],
  azure: ["subscriptions", "tenant", "endpoint", "snapshot"],
  gcp: ["projects", "folder", "organization", "endpoint", "snapshot"],
};

/** Reads and checks the accounts file; every problem is one line naming file, line and field. */
export function readAccounts(file: string): CloudAccount[] {
  let text: string;
  try {
    if (statSync(file).size > MAX_BYTES) throw new AccountConfigError(`${file}: larger than 1 MiB`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof AccountConfigError) throw error;
    throw new AccountConfigError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: unknown) => `${file}:${lines.linePos(isNode(node) ? (node.range?.[0] ?? 0) : 0).line}`;
  const syntax = doc.errors[0];
  if (syntax)
    throw new AccountConfigError(
      `${file}:${lines.linePos(syntax.pos[0]).line}: ${syntax.message.split("\n")[0]}`,
    );
  const alias = firstAliasOffset(doc);
  if (alias !== undefined)
    throw new AccountConfigError(`${file}:${lines.linePos(alias).line}: YAML aliases are not allowed`);
  const root = doc.contents;
  const list = isMap(root) ? root.get("accounts", true) : undefined;
  if (!isSeq(list)) throw new AccountConfigError(`${at(root)}: expected a top-level 'accounts:' list`);
  const base = dirname(resolve(file));
  const seen = new Set<string>();
  return list.items.map((item, i) => {
    const where = `accounts[${i}]`;
    const fail = (node: unknown, field: string, message: string): never => {
      throw new AccountConfigError(`${at(node ?? item)}: ${where}${field}: ${message}`);
    };
    if (!isMap(item)) return fail(item, "", "expected a map with name, provider and options");
    for (const pair of item.items) {
      const key = String((pair.key as { value?: unknown })?.value ?? "");
      if (!["name", "provider", "options"].includes(key))
        fail(pair.key, `.${key}`, "unknown field (known: name, provider, options)");
    }
    const nameNode = item.get("name", true) as Node | undefined;
    const name = nameNode?.toJSON();
    if (typeof name !== "string" || !NAME.test(name))
      fail(nameNode, ".name", "expected a name of letters, digits, '.', '_' or '-' (at most 64)");
    if (seen.has(name as string)) fail(nameNode, ".name", `${name} is named twice`);
    seen.add(name as string);
    const providerNode = item.get("provider", true) as Node | undefined;
    const providerValue: unknown = providerNode?.toJSON();
    if (providerValue !== "aws" && providerValue !== "azure" && providerValue !== "gcp")
      return fail(providerNode, ".provider", "expected aws, azure or gcp");
    const provider: AccountProvider = providerValue;
    const optionsNode = item.get("options", true) as Node | undefined;
    if (optionsNode !== undefined && !isMap(optionsNode)) fail(optionsNode, ".options", "expected a map");
    const raw: Record<string, unknown> = {};
    const nodes: Record<string, Node> = {};
    for (const pair of isMap(optionsNode) ? optionsNode.items : []) {
      const key = String((pair.key as { value?: unknown })?.value ?? "");
      if (!OPTIONS[provider].includes(key))
        fail(
          pair.key,
          `.options.${key}`,
          `unknown option for ${provider} (known: ${OPTIONS[provider].join(", ")})`,
        );
      raw[key] = isNode(pair.value) ? pair.value.toJSON() : pair.value;
      if (isNode(pair.value)) nodes[key] = pair.value;
    }
    const field = (key: string, message: string): never => fail(nodes[key], `.options.${key}`, message);
    const text = (key: string, pattern?: RegExp, what = "a string"): string | undefined => {
      const v = raw[key];
      if (v === undefined) return undefined;
      if (typeof v !== "string" || v === "" || (pattern && !pattern.test(v))) field(key, `expected ${what}`);
      return v as string;
    };
    const textList = (key: string, pattern: RegExp, what: string): string[] | undefined => {
      const v = raw[key];
      if (v === undefined) return undefined;
      if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === "string" && pattern.test(x)))
        field(key, `expected a non-empty list of ${what}`);
      return v as string[];
    };
    const url = (key: string): string | undefined => {
      const v = text(key, undefined, "an http(s) URL");
      if (v === undefined) return undefined;
      try {
        const parsed = new URL(v);
        if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("scheme");
      } catch {
        field(key, "expected an http(s) URL");
      }
      return v;
    };
    const path = (key: string) => {
      const v = text(key, undefined, "a path");
      return v === undefined ? undefined : resolve(base, v);
    };
    const defined = <T extends object>(o: T): T =>
      Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
    const accountName = name as string;
    if (provider === "aws") {
      const concurrency = raw.concurrency;
      if (
        concurrency !== undefined &&
        (typeof concurrency !== "number" ||
          !Number.isInteger(concurrency) ||
          concurrency < 1 ||
          concurrency > 64)
      )
        field("concurrency", "expected an integer from 1 to 64");
      return {
        name: accountName,
        provider,
        options: defined({
          profile: text("profile", /^[\w.@+-]{1,128}$/, "a profile name"),
          regions: textList("regions", REGION, "region names such as eu-west-1"),
          endpoint: url("endpoint"),
          roleArn: text("roleArn", ROLE_ARN, "arn:aws:iam::ACCOUNT:role/NAME"),
          concurrency: concurrency as number | undefined,
        }),
      };
    }
    if (provider === "azure") {
      const options = defined({
        subscriptions: textList("subscriptions", GUID, "subscription ids (GUIDs)"),
        tenant: text("tenant", /^[\w.-]+$/, "a tenant id or domain"),
        endpoint: url("endpoint"),
        snapshot: path("snapshot"),
      });
      if (options.snapshot && (options.subscriptions || options.tenant || options.endpoint))
        field(
          "snapshot",
          "a snapshot is read as it is: subscriptions, tenant and endpoint apply to live scans",
        );
      return { name: accountName, provider, options };
    }
    // The same forms `mamori cloud gcp` accepts for --projects, --folder and --organization.
    const options = defined({
      projects: textList("projects", /^[a-z0-9][a-z0-9.:-]{0,62}$/, "project ids or numbers"),
      folder: text("folder", /^\d+$/, "a numeric folder id"),
      organization: text("organization", /^\d+$/, "a numeric organization id"),
      endpoint: url("endpoint"),
      snapshot: path("snapshot"),
    });
    const scopes = (["projects", "folder", "organization"] as const).filter((k) => options[k]);
    if (options.snapshot && (scopes.length > 0 || options.endpoint))
      field(
        "snapshot",
        "a snapshot is read as it is: projects, folder, organization and endpoint apply to live scans",
      );
    if (scopes.length > 1)
      field(scopes[1] as string, `give one of projects, folder, organization (also: ${scopes[0]})`);
    if (!options.snapshot && scopes.length === 0)
      fail(optionsNode, ".options", "expected projects, folder or organization (or snapshot: FILE)");
    return { name: accountName, provider, options };
  });
}
