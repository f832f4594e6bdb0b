import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { RouteModule } from "./index.js";

/** dist/web beside the compiled server, or the repository's dist/web when running from src/. */
export function defaultWebRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "..", "..", "web"), join(here, "..", "..", "..", "dist", "web")];
  return candidates.find((dir) => existsSync(join(dir, "index.html"))) ?? candidates[0] ?? "";
}

const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

/** The interactive API docs: Swagger UI from the package (no CDN), authenticated with the dashboard's token. */
const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mamori API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;

const DOCS_INIT = `(function () {
  var token = sessionStorage.getItem("mamori.token") || window.prompt("Mamori API token");
  if (!token) { document.body.textContent = "Sign in to the dashboard first, or enter a token."; return; }
  sessionStorage.setItem("mamori.token", token);
  window.SwaggerUIBundle({
    url: "/openapi.json", dom_id: "#swagger", persistAuthorization: false,
    requestInterceptor: function (req) { req.headers.Authorization = "Bearer " + token; return req; }
  });
})();`;

/**
 * The dashboard's static files and the API docs page. They hold no data
 * (every datum comes from the authenticated API), so they are public:
 * a browser cannot send a bearer token when it loads a page.
 */
export const webRoutes: RouteModule = {
  name: "web",
  async register(app, ctx) {
    const root = ctx.webRoot ?? defaultWebRoot();
    const built = existsSync(join(root, "index.html"));
    const publicStatic = { access: "public", hideFromDocs: true } as const;
    await app.register(fastifyStatic, { root: SWAGGER_DIR, serve: false });

    app.get("/docs", { config: publicStatic }, async (_request, reply) =>
      reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(DOCS_HTML),
    );
    app.get("/docs/init.js", { config: publicStatic }, async (_request, reply) =>
      reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").send(DOCS_INIT),
    );
    app.get<{ Params: { file: string } }>(
      "/docs/assets/:file",
      { config: publicStatic },
      async (request, reply) => {
        const file = request.params.file;
        if (!/^swagger-ui(-bundle\.js|\.css)$/.test(file))
          return reply.code(404).send({ error: "not found" });
        return reply.header("cache-control", "public, max-age=86400").sendFile(file, SWAGGER_DIR);
      },
    );

    const index = built ? readFileSync(join(root, "index.html"), "utf8") : undefined;
    app.get("/", { config: publicStatic }, async (_request, reply) => {
      if (!index)
        return reply
          .code(503)
          .type("text/plain; charset=utf-8")
          .send("The dashboard is not built: run `npm run build` (or `npm run build:web`). The API works.");
      // index.html names the hashed assets of this build: never cache it.
      return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(index);
    });
    app.get<{ Params: { "*": string } }>("/assets/*", { config: publicStatic }, async (request, reply) => {
      const file = request.params["*"];
      if (!built || !/^[A-Za-z0-9._-]+$/.test(file)) return reply.code(404).send({ error: "not found" });
      // Vite names assets by content hash, so a file never changes under its name.
      return reply
        .header("cache-control", "public, max-age=31536000, immutable")
        .sendFile(file, join(root, "assets"));
    });
  },
};
