import type { TokenCredential } from "@azure/core-auth";
import { ServiceClient } from "@azure/core-client";
import { createPipelineRequest, type PipelinePolicy } from "@azure/core-rest-pipeline";

/**
 * GET requests to Azure Resource Manager or Microsoft Graph through the Azure
 * SDK's own pipeline (`@azure/core-client`): bearer token from the
 * credential, retries of 429 and 5xx honouring `Retry-After`, user agent.
 * The body is returned as the service sent it — the REST JSON that a saved
 * ARM `GET` response holds — so a live scan and a directory of saved
 * responses go through one normalisation (the generated SDK clients would
 * hand back renamed, re-typed models instead).
 */

export class RestError extends Error {
  override name = "RestError";
  constructor(
    message: string,
    readonly statusCode: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface RestReaderOptions {
  credential: TokenCredential;
  /** `https://management.azure.com`, `https://graph.microsoft.com`, or a test server. */
  endpoint: string;
  /** Token scope; default `<endpoint>/.default`. */
  scope?: string;
  additionalPolicies?: PipelinePolicy[];
}

/** A list that keeps handing out `nextLink`s past this is broken; stop instead of looping. */
const MAX_PAGES = 1000;

export class RestReader {
  readonly #client: ServiceClient;
  readonly #origin: string;
  readonly #base: string;

  constructor(options: RestReaderOptions) {
    this.#base = options.endpoint.replace(/\/+$/, "");
    this.#origin = new URL(this.#base).origin;
    this.#client = new ServiceClient({
      credential: options.credential,
      credentialScopes: options.scope ?? `${this.#base}/.default`,
      additionalPolicies: (options.additionalPolicies ?? []).map((policy) => ({
        policy,
        position: "perCall" as const,
      })),
    });
  }

  /** GET `path` (from the endpoint's root, query included) and return the JSON body. */
  async get(path: string): Promise<Record<string, unknown>> {
    return this.#fetch(`${this.#base}${path}`);
  }

  /** GET a list response and every page its `nextLink` (or `@odata.nextLink`) names. */
  async list(path: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let url: string | undefined = `${this.#base}${path}`;
    for (let page = 0; url; page++) {
      if (page >= MAX_PAGES) throw new RestError(`${path}: more than ${MAX_PAGES} pages`, 0, "TooManyPages");
      const body = await this.#fetch(url);
      if (!Array.isArray(body.value))
        throw new RestError(`${path}: the response has no value array`, 0, "BadResponse");
      out.push(...(body.value as Record<string, unknown>[]));
      const next = body.nextLink ?? body["@odata.nextLink"];
      url = typeof next === "string" && next ? next : undefined;
      // The bearer token goes only to the endpoint it was asked for.
      if (url && new URL(url).origin !== this.#origin)
        throw new RestError(
          `${path}: nextLink points to another host (${new URL(url).origin})`,
          0,
          "BadNextLink",
        );
    }
    return out;
  }

  async #fetch(url: string): Promise<Record<string, unknown>> {
    const response = await this.#client.sendRequest(createPipelineRequest({ url, method: "GET" }));
    const text = response.bodyAsText ?? "";
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = undefined;
    }
    if (response.status >= 400) {
      const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      const code = typeof error?.code === "string" ? error.code : `HTTP${response.status}`;
      const message = typeof error?.message === "string" ? error.message.split("\n")[0] : text.slice(0, 200);
      throw new RestError(message ?? "", response.status, code);
    }
    if (!body || typeof body !== "object" || Array.isArray(body))
      throw new RestError(
        `${new URL(url).pathname}: the response is not a JSON object`,
        response.status,
        "BadResponse",
      );
    return body as Record<string, unknown>;
  }
}
