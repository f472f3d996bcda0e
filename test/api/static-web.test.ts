import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/build-app.js";
import type { TandemApp } from "../../src/api/context.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/test-store.js";

/** The built web app is sent pre-compressed when the browser accepts it, and hashed assets are cached. */
describe("serving the web app", () => {
  let root: string;
  let store: Store;
  let app: TandemApp;
  const script = `console.log(${JSON.stringify("x".repeat(4000))});`;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "tandem-web-"));
    await mkdir(join(root, "assets"));
    await writeFile(join(root, "index.html"), "<!doctype html><title>Tandem</title>");
    await writeFile(join(root, "assets", "app-abc123.js"), script);
    await writeFile(join(root, "assets", "app-abc123.js.br"), brotliCompressSync(script));
    store = await openTestStore("pglite");
    app = await buildApp({ store, webRoot: root });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  it("sends the brotli file to a browser that accepts it, the plain one otherwise", async () => {
    const br = await app.inject({
      method: "GET",
      url: "/assets/app-abc123.js",
      headers: { "accept-encoding": "br, gzip" },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);
    const plain = await app.inject({ method: "GET", url: "/assets/app-abc123.js" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it("caches hashed assets for a year and keeps the page itself fresh", async () => {
    const asset = await app.inject({ method: "GET", url: "/assets/app-abc123.js" });
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const page = await app.inject({ method: "GET", url: "/services" });
    expect(page.statusCode).toBe(200);
    expect(String(page.headers["cache-control"] ?? "")).not.toContain("immutable");
  });
});
