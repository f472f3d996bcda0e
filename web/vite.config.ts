import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    // ECharts alone is ~600 kB minified; keep it in its own chunk and do not warn about it.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { "/api": { target: process.env.TANDEM_API ?? "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
