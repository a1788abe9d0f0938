// SPDX-License-Identifier: Apache-2.0
import { defineConfig } from "vite";

// The dashboard is served by `chipgap serve` from web/dist; during development `npm run dev` proxies the
// API to a running server.
export default defineConfig({
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
