import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

/** What `tandem import` prints when there is more to say than it lists: it says how much it left out. */
const header = "sys_id,number,short_description,state,opened_at,cmdb_ci";
const row = (n: number, o: { openedAt?: string } = {}) =>
  `s${n},INC${String(n).padStart(7, "0")},Ticket ${n},2 - In Progress,${o.openedAt ?? "2024-05-02 08:00:00"},ci-${n}`;

let root: string;
const run = (args: string[]) => runCli(args, join(root, "store"));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tandem-import-left-out-"));
  // 25 rows with a bad date among 30: more than the 20 rejected rows the error lists.
  const rows = Array.from({ length: 30 }, (_, i) => row(i + 1, i < 25 ? { openedAt: "yesterday" } : {}));
  await writeFile(join(root, "bad.csv"), `${[header, ...rows].join("\n")}\n`);
  // 13 configuration items, none a known service: more than the 10 unmatched values shown.
  const good = Array.from({ length: 13 }, (_, i) => row(i + 1));
  await writeFile(join(root, "good.csv"), `${[header, ...good].join("\n")}\n`);
}, 60_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

describe("tandem import says how much it did not list", () => {
  it("names 20 rejected rows and counts the other 5", async () => {
    const { code, lines } = await run(["import", join(root, "bad.csv"), "--format", "servicenow"]);
    expect(code).toBe(2);
    const errors = lines.error.join("\n");
    expect(errors).toMatch(/25 row\(s\) rejected/);
    expect(errors).toContain("line 21, column 5");
    expect(errors).not.toContain("line 22, column 5");
    expect(errors).toContain("more: 5 more rejected row(s) not listed");
  });

  it("shows 10 unmatched values and counts the other 3", async () => {
    const { code, lines } = await run(["import", join(root, "good.csv"), "--format", "servicenow"]);
    expect(code).toBe(0);
    const out = lines.result.join("\n");
    expect(out.match(/ci-\d+ \[configuration_item\]: 1 ticket, no service/g)).toHaveLength(10);
    expect(out).toContain("… and 3 more values with no service (`tandem unmatched` lists them)");
  });
});
