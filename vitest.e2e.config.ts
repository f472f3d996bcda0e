import { defineConfig } from "vitest/config";

/** Real-browser end-to-end tests: the built web app (dist/web) served by a real HTTP server, driven by Chromium. */
// biome-ignore lint/style/noDefaultExport: Vitest reads the config from the default export.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
