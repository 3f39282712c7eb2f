import { defineConfig } from "vite";

// The console is served from `/` (the local API, or CloudFront in AWS): every asset under
// /assets/ with a content hash in its name, so it can be cached for a year; index.html is not.
export default defineConfig({
  base: "/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "../build/console",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    // No inline script anywhere: the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
