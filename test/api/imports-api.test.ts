import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBusinessUnit, makeService } from "../support/factories.js";
import { multipartBody } from "../support/multipart.js";
import { openTestApp, type TestApp } from "../support/test-app.js";

/**
 * Ticket imports over HTTP. The export has three incidents: INC1 on the aliased CI "shop-web"
 * (→ Web Shop) from Sales, INC2 on "Payroll App" (no alias → unmatched service) from HR, INC3 on
 * "Printer 7" (unmatched) from Sales. Sales consumes Web Shop; HR consumes nothing.
 */
const HEADER = "sys_id,number,short_description,state,priority,opened_at,resolved_at,cmdb_ci,u_department";
const ROWS = [
  "s1,INC1,Shop down,6 - Resolved,1 - Critical,2024-03-01 10:00:00,2024-03-01 12:00:00,shop-web,Sales",
  "s2,INC2,Payroll late,1 - New,3 - Moderate,2024-03-02 10:00:00,,Payroll App,HR",
  "s3,INC3,Printer jam,1 - New,4 - Low,2024-03-03 10:00:00,,Printer 7,Sales",
];
const csv = (rows: string[]) => `${HEADER}\n${rows.join("\n")}\n`;
const MAX = 4096;

/** The upload folders in the temporary directory (none should outlive a request). */
const uploadFolders = async () =>
  (await readdir(tmpdir())).filter((f) => f.startsWith("tandem-import-")).sort();

let t: TestApp;
let shopId: string;
let salesId: string;

const upload = async (
  content: string,
  o: { token?: string; path?: string; fields?: Record<string, string> } = {},
) => {
  const body = await multipartBody(
    { format: "servicenow", ...(o.fields ?? {}) },
    { file: { name: "incidents.csv", content } },
  );
  return t.inject({
    method: "POST",
    url: o.path ?? "/api/v1/imports",
    ...body,
    ...(o.token ? { token: o.token } : {}),
  });
};

const countOf = async (table: "ticket" | "import_run") =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.store.db)).rows[0]
      ?.n,
  );

beforeAll(async () => {
  t = await openTestApp("pglite", undefined, { importMaxBytes: MAX });
  const sales = await makeBusinessUnit(t.repos, { name: "Sales" });
  await makeBusinessUnit(t.repos, { name: "HR" });
  const shop = await makeService(t.repos, { name: "Web Shop", aliases: [{ kind: "ci", value: "shop-web" }] });
  await makeService(t.repos, { name: "Payroll" });
  await t.repos.links.put("unit-service", { businessUnitId: sales.id, serviceId: shop.id, share: 100 });
  shopId = shop.id;
  salesId = sales.id;
}, 60_000);
afterAll(async () => t.close());

describe("ticket imports over HTTP", () => {
  it("previews the first rows without writing anything", async () => {
    const res = await upload(csv([...ROWS, "s4,INC4,Bad date,1 - New,3,2024-13-40 10:00:00,,x,Sales"]), {
      path: "/api/v1/imports/preview",
    });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview.read).toBe(4);
    expect(preview.records.map((r: { record: { number: string } }) => r.record.number)).toEqual([
      "INC1",
      "INC2",
      "INC3",
    ]);
    expect(preview.records[0].line).toBe(2);
    expect(preview.rejected).toHaveLength(1);
    expect(preview.rejected[0].line).toBe(5);
    expect(await countOf("ticket")).toBe(0);
    expect(await countOf("import_run")).toBe(0);
  });

  it("imports the upload, then finds everything unchanged on the second upload", async () => {
    const first = await upload(csv(ROWS));
    expect(first.statusCode, first.body).toBe(200);
    const report = first.json();
    expect(report).toMatchObject({
      status: "succeeded",
      read: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    // INC2 and INC3 have no service; INC2's department HR is a unit, so units are all matched.
    expect(report.unmatched.services).toEqual([
      { field: "configuration_item", value: "Payroll App", tickets: 1 },
      { field: "configuration_item", value: "Printer 7", tickets: 1 },
    ]);
    expect(report.unmatched.businessUnits).toEqual([]);
    expect(await countOf("ticket")).toBe(3);

    const again = await upload(csv(ROWS));
    expect(again.json()).toMatchObject({
      status: "succeeded",
      read: 3,
      inserted: 0,
      updated: 0,
      unchanged: 3,
    });

    const runs = await t.inject({ method: "GET", url: "/api/v1/imports" });
    expect(runs.statusCode).toBe(200);
    expect(runs.json().items.map((r: { id: string }) => r.id)).toEqual([
      again.json().importRunId,
      report.importRunId,
    ]);
    const one = await t.inject({ method: "GET", url: `/api/v1/imports/${report.importRunId}` });
    expect(one.json()).toMatchObject({
      status: "succeeded",
      source: "incidents.csv",
      format: "servicenow",
      inserted: 3,
    });
  });

  it("reports a file with a bad row as rejected, naming its line, and writes nothing", async () => {
    const before = await countOf("ticket");
    const bad = [...ROWS.slice(0, 1), "s9,INC9,Broken,1 - New,3,2024-13-02 08:00:00,,shop-web,Sales"];
    const res = await upload(csv(bad));
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.status).toBe("rejected");
    expect(report).toMatchObject({ read: 2, inserted: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(report.errors[0]).toMatchObject({ line: 3, field: "opened_at" });
    expect(await countOf("ticket")).toBe(before);
    const run = await t.inject({ method: "GET", url: `/api/v1/imports/${report.importRunId}` });
    expect(run.json()).toMatchObject({ status: "rejected", rejected: 1 });
  });

  it("answers a whole-file problem with a 422 naming the line and not the server's folder", async () => {
    const res = await upload("sys_id,short_description,state,opened_at\ns1,x,New,2024-01-01 00:00:00\n");
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().detail).toMatch(/^incidents\.csv: missing required column "number".*line 1/);
    expect(res.body).not.toContain("tandem-import-");
  });

  it("refuses an over-size upload with 413 and stores no run", async () => {
    const runs = await countOf("import_run");
    const folders = await uploadFolders();
    const big = csv(
      Array.from({ length: 100 }, (_, i) => ROWS[0]?.replace("s1,INC1", `b${i},INCB${i}`) ?? ""),
    );
    expect(big.length).toBeGreaterThan(MAX);
    const res = await upload(big);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
    expect(await countOf("import_run")).toBe(runs);
    // The part already on disk was removed with its temporary folder.
    expect(await uploadFolders()).toEqual(folders);
  });

  it("refuses a JSON body with 415 and stakeholders and viewers with 403", async () => {
    const json = await t.inject({
      method: "POST",
      url: "/api/v1/imports",
      payload: { format: "servicenow" },
    });
    expect(json.statusCode).toBe(415);
    const runs = await countOf("import_run");
    for (const role of ["business_stakeholder", "viewer", "relationship_manager"] as const) {
      const token = await t.tokenFor(role, { unitIds: [salesId] });
      expect((await upload(csv(ROWS), { token })).statusCode).toBe(403);
      expect((await upload(csv(ROWS), { token, path: "/api/v1/imports/preview" })).statusCode).toBe(403);
    }
    const stakeholder = await t.tokenFor("business_stakeholder", { unitIds: [salesId] });
    expect((await t.inject({ method: "GET", url: "/api/v1/imports", token: stakeholder })).statusCode).toBe(
      403,
    );
    expect(await countOf("import_run")).toBe(runs);
  });

  it("lists a stakeholder's tickets within their reach only", async () => {
    const token = await t.tokenFor("business_stakeholder", { unitIds: [salesId] });
    const res = await t.inject({ method: "GET", url: "/api/v1/tickets?limit=500", token });
    expect(res.statusCode, res.body).toBe(200);
    // Independently: tickets of Sales, or of services Sales consumes.
    const expected = await sql<{ id: string }>`
      SELECT id FROM ticket
      WHERE business_unit_id = ${salesId}::uuid
         OR service_id IN (SELECT service_id FROM unit_service WHERE business_unit_id = ${salesId}::uuid)
      ORDER BY id`.execute(t.store.db);
    const got = res
      .json()
      .items.map((i: { id: string }) => i.id)
      .sort();
    expect(got).toEqual(expected.rows.map((r) => r.id));
    expect(got).toHaveLength(2);
    const hr = await sql<{ id: string }>`SELECT id FROM ticket WHERE number = 'INC2'`.execute(t.store.db);
    const hidden = await t.inject({ method: "GET", url: `/api/v1/tickets/${hr.rows[0]?.id}`, token });
    expect(hidden.statusCode).toBe(404);
    const seen = await t.inject({ method: "GET", url: `/api/v1/tickets/${got[0]}`, token });
    expect(seen.statusCode).toBe(200);
    const all = await t.inject({ method: "GET", url: "/api/v1/tickets?limit=2" });
    expect(all.json().items).toHaveLength(2);
    const next = await t.inject({
      method: "GET",
      url: `/api/v1/tickets?limit=2&cursor=${all.json().nextCursor}`,
    });
    expect(next.json().items.map((i: { number: string }) => i.number)).toEqual(["INC1"]);
  });

  it("maps an unmatched value to a service and re-matches its tickets", async () => {
    const unmatched = await t.inject({ method: "GET", url: "/api/v1/tickets/unmatched" });
    expect(unmatched.json().services).toContainEqual({
      field: "configuration_item",
      value: "Printer 7",
      tickets: 1,
    });
    const res = await t.inject({
      method: "POST",
      url: "/api/v1/tickets/unmatched/map",
      payload: { field: "configuration_item", value: "printer 7", serviceId: shopId },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      kind: "service",
      targetId: shopId,
      targetName: "Web Shop",
      rematched: 1,
    });
    const after = await t.inject({ method: "GET", url: "/api/v1/tickets/unmatched" });
    expect(after.json().services).toEqual([
      { field: "configuration_item", value: "Payroll App", tickets: 1 },
    ]);
    const stakeholder = await t.tokenFor("business_stakeholder", { unitIds: [salesId] });
    const refused = await t.inject({ method: "GET", url: "/api/v1/tickets/unmatched", token: stakeholder });
    expect(refused.statusCode).toBe(403);
  });
});

describe("import progress and the upload's OpenAPI description", () => {
  const PROGRESS_ROWS = [
    "p1,INCP1,Progress one,1 - New,4 - Low,2024-04-01 10:00:00,,Printer 7,Sales",
    "p2,INCP2,Progress two,1 - New,4 - Low,2024-04-02 10:00:00,,Printer 7,Sales",
  ];

  it("tells the uploader rows read and written for the progress id sent with the upload", async () => {
    const progressId = "7d1f6a52-3c1e-4c8e-9a0b-5e2f4d6c8a10";
    const importer = await t.tokenFor("it");
    const done = await upload(csv(PROGRESS_ROWS), {
      token: importer,
      path: `/api/v1/imports?progress=${progressId}`,
    });
    expect(done.json()).toMatchObject({ status: "succeeded", read: 2, inserted: 2 });
    const seen = await t.inject({
      method: "GET",
      url: `/api/v1/imports/progress/${progressId}`,
      token: importer,
    });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toEqual({ phase: "done", read: 2, written: 2 });

    // Another importer does not see it, an unknown id is not found, a malformed one is a 422.
    const admin = await t.tokenFor("admin");
    expect(
      (await t.inject({ method: "GET", url: `/api/v1/imports/progress/${progressId}`, token: admin }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.inject({
          method: "GET",
          url: "/api/v1/imports/progress/00000000-0000-4000-8000-000000000000",
          token: importer,
        })
      ).statusCode,
    ).toBe(404);
    const malformed = await t.inject({
      method: "GET",
      url: "/api/v1/imports/progress/nope",
      token: importer,
    });
    expect(malformed.statusCode).toBe(422);
    const badQuery = await upload(csv(PROGRESS_ROWS), {
      token: importer,
      path: "/api/v1/imports?progress=nope",
    });
    expect(badQuery.statusCode).toBe(422);
  });

  it("describes the multipart body of the upload routes", async () => {
    const doc = (await t.inject({ method: "GET", url: "/api/openapi.json" })).json();
    for (const path of ["/api/v1/imports", "/api/v1/imports/preview"]) {
      const schema = doc.paths[path].post.requestBody.content["multipart/form-data"].schema;
      expect(schema.required).toEqual(expect.arrayContaining(["file", "format"]));
      expect(schema.properties.file).toMatchObject({ type: "string", format: "binary" });
      expect(schema.properties.format.enum).toEqual(["servicenow", "servicenow-log", "jira", "csv"]);
      expect(schema.properties.mapping).toMatchObject({ type: "string", format: "binary" });
    }
  });
});
