import { READ, ROLES } from "../roles.js";
import type { RouteModule } from "./index.js";

export const systemRoutes: RouteModule = {
  name: "system",
  register(app, ctx) {
    app.get(
      "/healthz",
      {
        config: { access: "public" },
        schema: {
          summary: "Liveness and store reachability (no authentication)",
          tags: ["system"],
          response: {
            200: { type: "object", properties: { status: { type: "string" } } },
            503: { type: "object", properties: { status: { type: "string" } } },
          },
        },
      },
      async (_request, reply) => {
        try {
          await ctx.db.query("select 1");
          return { status: "ok" };
        } catch {
          return reply.code(503).send({ status: "store unavailable" });
        }
      },
    );

    app.get(
      "/metrics",
      {
        config: { access: READ },
        schema: { summary: "Prometheus metrics (text exposition format)", tags: ["system"] },
      },
      async (_request, reply) => {
        const body = await ctx.metrics.registry.metrics();
        return reply.type(ctx.metrics.registry.contentType).send(body);
      },
    );

    app.get(
      "/openapi.json",
      {
        config: { access: ROLES },
        schema: { summary: "This API's OpenAPI 3.1 document", tags: ["system"] },
      },
      async () => app.swagger(),
    );

    app.get(
      "/api/v1/me",
      {
        config: { access: ROLES },
        schema: {
          summary: "The caller's token name and role",
          tags: ["system"],
          response: {
            200: {
              type: "object",
              required: ["name", "role"],
              properties: { name: { type: "string" }, role: { type: "string" }, version: { type: "string" } },
            },
          },
        },
      },
      async (request) => ({
        name: request.principal?.name ?? "",
        role: request.principal?.role ?? "",
        version: ctx.tool.version,
      }),
    );
  },
};
