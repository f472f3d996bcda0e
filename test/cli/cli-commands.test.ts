import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliOutput } from "../../src/cli/output.js";
import { migrate } from "../../src/store/migrate.js";
import { openStore } from "../../src/store/open-store.js";
import { createDemoOrganisation } from "../../src/use-cases/create-demo-organisation.js";

const capture = () => {
  const lines = { result: [] as string[], info: [] as string[], error: [] as string[] };
  const out: CliOutput = {
    result: (t) => lines.result.push(t),
    info: (t) => lines.info.push(t),
    error: (t) => lines.error.push(t),
  };
  return { out, lines };
};

let root: string;
const env = (dataDir: string) => ({ TANDEM_DATA_DIR: dataDir });
const run = (args: string[], dataDir: string) => {
  const { out, lines } = capture();
  return main(["node", "tandem", ...args], out, env(dataDir)).then((code) => ({ code, lines }));
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tandem-cli-"));
  const store = await openStore({ kind: "pglite", dataDir: join(root, "source") });
  await migrate(store.db);
  await createDemoOrganisation({ db: store.db, seed: 7, tickets: 0 });
  await store.close();
}, 60_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

describe("tandem CLI", () => {
  it("migrate reports an up-to-date store", async () => {
    const { code, lines } = await run(["migrate"], join(root, "source"));
    expect(code).toBe(0);
    expect(lines.result.join("\n")).toMatch(/is up to date/);
  });

  it("export → import-workspace into an empty store → export gives the identical file", async () => {
    const first = join(root, "first.json");
    const second = join(root, "second.json");
    expect((await run(["export", first], join(root, "source"))).code).toBe(0);
    const imported = await run(["import-workspace", first], join(root, "copy"));
    expect(imported.code).toBe(0);
    expect((await run(["export", second], join(root, "copy"))).code).toBe(0);
    const [a, b] = await Promise.all([readFile(first, "utf8"), readFile(second, "utf8")]);
    expect(a.length).toBeGreaterThan(10_000);
    expect(b).toBe(a);
  });

  it("import-workspace into a non-empty store exits 3 and says why", async () => {
    const file = join(root, "again.json");
    await run(["export", file], join(root, "source"));
    const { code, lines } = await run(["import-workspace", file], join(root, "source"));
    expect(code).toBe(3);
    expect(lines.error.join("\n")).toMatch(/empty/);
  });

  it("import-workspace of broken JSON exits 2 naming line and column", async () => {
    const file = join(root, "broken.json");
    await writeFile(file, '{\n  "format": "tandem-workspace",\n  "businessUnits": [,]\n}\n');
    const { code, lines } = await run(["import-workspace", file], join(root, "empty"));
    expect(code).toBe(2);
    expect(lines.error.join("\n")).toContain("line 3, column 21");
  });

  it("import-workspace of a missing file exits 2", async () => {
    const { code, lines } = await run(["import-workspace", join(root, "nope.json")], join(root, "empty2"));
    expect(code).toBe(2);
    expect(lines.error.join("\n")).toMatch(/ENOENT|no such file/);
  });

  it("an unknown command exits 2", async () => {
    const { code } = await run(["frobnicate"], join(root, "empty3"));
    expect(code).toBe(2);
  });
});
