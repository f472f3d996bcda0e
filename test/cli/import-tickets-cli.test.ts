import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/store/actor.js";
import { migrate } from "../../src/store/migrate.js";
import { openStore } from "../../src/store/open-store.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { makeService } from "../support/factories.js";
import { runCli } from "../support/run-cli.js";

const header =
  "sys_id,number,short_description,state,priority,impact,urgency,opened_at,resolved_at,closed_at,sys_updated_on,assignment_group,assigned_to,caller_id,cmdb_ci";
const good = [
  "a001,INC0030001,Mail down,6 - Resolved,2 - High,2,2,2024-05-02 08:00:00,2024-05-02 09:00:00,,2024-05-02 09:00:00,Desk,Tim,Emma,SAP ECC PRD",
  "a002,INC0030002,Login slow,2 - In Progress,3 - Moderate,2,2,2024-06-03 10:00:00,,,2024-06-03 10:00:00,Desk,Tim,Emma,SAP ECC PRD",
];
const bad =
  "a003,INC0030003,Broken date,2 - In Progress,3 - Moderate,2,2,2024-13-02 08:00:00,,,2024-05-02 08:30:00,Desk,Tim,Emma,Printer";

let root: string;
const run = (args: string[]) => runCli(args, join(root, "store"));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tandem-import-"));
  const store = await openStore({ kind: "pglite", dataDir: join(root, "store") });
  await migrate(store.db);
  await makeService(createRepositories(store.db, systemActor("test")), { name: "ERP" });
  await store.close();
  await writeFile(join(root, "good.csv"), `${[header, ...good].join("\n")}\n`);
  await writeFile(join(root, "bad.csv"), `${[header, good[0], bad, good[1]].join("\n")}\n`);
}, 60_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

describe("tandem import, unmatched, map-value", () => {
  it("exits 2 when a row is rejected, names its line, and imports nothing", async () => {
    const { code, lines } = await run(["import", join(root, "bad.csv"), "--format", "servicenow"]);
    expect(code).toBe(2);
    expect(lines.result.join("\n")).toMatch(
      /nothing imported from .*: 3 read, 0 inserted, 0 updated, 0 unchanged, 1 rejected/,
    );
    expect(lines.error.join("\n")).toMatch(/1 row\(s\) rejected/);
    expect(lines.error.join("\n")).toMatch(/line 3/);
  });

  it("imports, then a re-import reports everything unchanged", async () => {
    const first = await run(["import", join(root, "good.csv"), "--format", "servicenow"]);
    expect(first.code).toBe(0);
    expect(first.lines.result[0]).toMatch(/2 read, 2 inserted, 0 updated, 0 unchanged, 0 rejected/);
    expect(first.lines.result.join("\n")).toContain(
      "SAP ECC PRD [configuration_item]: 2 tickets, no service",
    );
    const again = await run(["import", join(root, "good.csv"), "--format", "servicenow"]);
    expect(again.code).toBe(0);
    expect(again.lines.result[0]).toMatch(/2 read, 0 inserted, 0 updated, 2 unchanged, 0 rejected/);
  });

  it("with --skip-invalid imports the rest and writes the rejects file", async () => {
    const file = join(root, "bad.csv");
    const { code, lines } = await run(["import", file, "--format", "servicenow", "--skip-invalid"]);
    expect(code).toBe(0);
    expect(lines.result[0]).toMatch(/3 read, 0 inserted, 0 updated, 2 unchanged, 1 rejected/);
    const rejects = await readFile(`${file}.rejects.csv`, "utf8");
    expect(rejects.split("\n")[0]).toMatch(/^line,column,field,error,/);
    expect(rejects).toContain("INC0030003");
  });

  it("lists unmatched values and maps one to a service", async () => {
    const before = await run(["unmatched"]);
    expect(before.code).toBe(0);
    expect(before.lines.result).toContain("SAP ECC PRD [configuration_item]: 2 tickets, no service");
    const mapped = await run([
      "map-value",
      "--field",
      "configuration_item",
      "--value",
      "sap ecc prd",
      "--service",
      "erp",
    ]);
    expect(mapped.code).toBe(0);
    expect(mapped.lines.result[0]).toMatch(/to the service ERP: 2 ticket\(s\) re-matched/);
    const after = await run(["unmatched"]);
    expect(after.lines.result.join("\n")).not.toContain("no service");
    const missing = await run(["map-value", "--field", "category", "--value", "x", "--service", "nope"]);
    expect(missing.code).toBe(4);
  });
});
