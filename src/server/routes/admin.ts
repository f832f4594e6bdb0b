import { listAudit } from "../audit.js";
import { ADMIN, ROLES } from "../roles.js";
import { createToken, listTokens, revokeToken } from "../tokens.js";
import { page, pageQuery } from "./common.js";
import type { RouteModule } from "./index.js";

export const adminRoutes: RouteModule = {
  name: "admin",
  register(app, ctx) {
    app.get(
      "/api/v1/tokens",
      { config: { access: ADMIN }, schema: { summary: "API tokens (never the secrets)", tags: ["admin"] } },
      async () => ({ items: await listTokens(ctx.db) }),
    );

    app.post<{ Body: { name: string; role: (typeof ROLES)[number] } }>(
      "/api/v1/tokens",
      {
        config: { access: ADMIN },
        schema: {
          summary: "Create a token; its secret is in this response only",
          tags: ["admin"],
          body: {
            type: "object",
            additionalProperties: false,
            required: ["name", "role"],
            properties: {
              name: { type: "string", minLength: 1, maxLength: 200 },
              role: { type: "string", enum: ROLES },
            },
          },
        },
      },
      async (request, reply) => {
        const created = await createToken(ctx.db, {
          name: request.body.name,
          role: request.body.role,
          createdBy: request.principal?.name ?? "api",
        });
        (request as { auditDetail?: unknown }).auditDetail = {
          tokenId: created.info.id,
          role: created.info.role,
        };
        return reply.code(201).send({ token: created.token, ...created.info });
      },
    );

    app.delete<{ Params: { id: string } }>(
      "/api/v1/tokens/:id",
      {
        config: { access: ADMIN },
        schema: {
          summary: "Revoke a token",
          tags: ["admin"],
          params: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string", pattern: "^[a-f0-9]{1,64}$" } },
          },
        },
      },
      async (request, reply) => {
        if (!(await revokeToken(ctx.db, request.params.id)))
          return reply.code(404).send({ error: `no active token ${request.params.id}` });
        return reply.code(204).send();
      },
    );

    app.get<{ Querystring: { limit: number; offset: number } }>(
      "/api/v1/audit",
      {
        config: { access: ADMIN },
        schema: {
          summary: "The audit log: every write through the API, newest first",
          tags: ["admin"],
          querystring: { type: "object", additionalProperties: false, properties: { ...pageQuery } },
        },
      },
      async (request) => {
        const { items, total } = await listAudit(ctx.db, request.query);
        return page(items, total, request.query.limit, request.query.offset);
      },
    );
  },
};
