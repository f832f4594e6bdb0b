import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// No @vitejs/plugin-react: Vite's own transform handles JSX (automatic runtime);
// the plugin would only add fast refresh for development.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  logLevel: "warn",
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Everything is served from the same origin under a strict CSP: no inline scripts, no modulepreload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
