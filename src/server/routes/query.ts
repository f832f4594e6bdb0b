import { WRITE } from "../roles.js";
import type { RouteModule } from "./index.js";

export const queryRoutes: RouteModule = {
  name: "query",
  register(app, ctx) {
    app.post<{ Body: { sql: string; timeoutMs?: number; maxRows?: number } }>(
      "/api/v1/query",
      {
        config: { access: WRITE },
        schema: {
          summary: "Run one read-only SQL statement on the store's views (as `mamori query`)",
          description:
            "One statement, in a READ ONLY transaction that is rolled back, with a time-out (default 10 s, at most 60 s) and a row limit (default 1000, at most 10 000). Analysts and admins only: SQL reads every table.",
          tags: ["query"],
          body: {
            type: "object",
            additionalProperties: false,
            required: ["sql"],
            properties: {
              sql: { type: "string", minLength: 1, maxLength: 100_000 },
              timeoutMs: { type: "integer", minimum: 1, maximum: 60_000 },
              maxRows: { type: "integer", minimum: 1, maximum: 10_000 },
            },
          },
        },
      },
      async (request) => {
        const { sql, timeoutMs, maxRows } = request.body;
        (request as { auditDetail?: unknown }).auditDetail = { sql: sql.slice(0, 2000) };
        return ctx.store.query(sql, { timeoutMs: timeoutMs ?? 10_000, maxRows: maxRows ?? 1000 });
      },
    );
  },
};
