import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliOutput } from "../../src/cli/output.js";
import { FakeJira } from "../support/fake-jira.js";
import { FakeServiceNow } from "../support/fake-servicenow.js";

const PASSWORD = "cli-Pa55word-secret";
let root: string;
let servicenow: FakeServiceNow;
let jira: FakeJira;

const run = async (args: string[], env: Record<string, string> = {}) => {
  const lines = { result: [] as string[], info: [] as string[], error: [] as string[] };
  const out: CliOutput = {
    result: (t) => lines.result.push(t),
    info: (t) => lines.info.push(t),
    error: (t) => lines.error.push(t),
  };
  const code = await main(["node", "tandem", ...args], out, { TANDEM_DATA_DIR: join(root, "store"), ...env });
  return { code, lines, all: [...lines.result, ...lines.info, ...lines.error].join("\n") };
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tandem-sync-"));
  servicenow = await new FakeServiceNow({ count: 25, user: "bot", password: PASSWORD }).start();
  jira = await new FakeJira({ count: 12, email: "bot@example.com", token: "jira-tok-secret" }).start();
}, 60_000);
afterAll(async () => {
  await servicenow.close();
  await jira.close();
  await rm(root, { recursive: true, force: true });
});

describe("tandem sync", () => {
  it("syncs ServiceNow with credentials from the environment, one summary line per page and the totals", async () => {
    const env = { SERVICENOW_USER: "bot", SERVICENOW_PASSWORD: PASSWORD };
    const first = await run(["sync", "servicenow", "--instance", servicenow.url, "--page-size", "10"], env);
    expect(first.code).toBe(0);
    expect(first.lines.info).toHaveLength(3);
    expect(first.lines.info[0]).toMatch(/^page 1: 10 read, 10 inserted/);
    expect(first.lines.result[0]).toMatch(
      /3 page\(s\), 25 read, 25 inserted, 0 updated, 0 unchanged, 0 rejected/,
    );
    const second = await run(["sync", "servicenow", "--instance", servicenow.url], env);
    expect(second.lines.result[0]).toMatch(/1 read, 0 inserted, 0 updated, 1 unchanged/);
  });

  it("exits 6 on refused credentials without printing them, and on missing ones with what to set", async () => {
    const refused = await run(["sync", "servicenow", "--instance", servicenow.url], {
      SERVICENOW_USER: "bot",
      SERVICENOW_PASSWORD: `${PASSWORD}-wrong`,
    });
    expect(refused.code).toBe(6);
    expect(refused.all).toContain("HTTP 401");
    expect(refused.all).not.toContain(PASSWORD);
    const missing = await run(["sync", "servicenow", "--instance", servicenow.url]);
    expect(missing.code).toBe(6);
    expect(missing.all).toContain("SERVICENOW_USER");
  });

  it("syncs Jira with a credentials file", async () => {
    const file = join(root, "jira.json");
    await writeFile(file, JSON.stringify({ email: "bot@example.com", token: "jira-tok-secret" }));
    const { code, lines, all } = await run([
      "sync",
      "jira",
      "--site",
      jira.url,
      "--jql-filter",
      "project = ITSM",
      "--credentials-file",
      file,
    ]);
    expect(code).toBe(0);
    expect(lines.result[0]).toMatch(/12 read, 12 inserted/);
    expect(all).not.toContain("jira-tok-secret");
  });
});
