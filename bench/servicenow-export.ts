import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { demoEmail, nordwindPeople } from "../src/domain/demo/nordwind-people.js";
import { nordwindServices } from "../src/domain/demo/nordwind-services.js";
import { seededRandom } from "../src/domain/seeded-random.js";

/** The columns of a ServiceNow incident list export (Export → CSV), as the table reader expects them. */
export const serviceNowColumns = [
  "sys_id",
  "number",
  "short_description",
  "state",
  "priority",
  "impact",
  "urgency",
  "opened_at",
  "resolved_at",
  "closed_at",
  "sys_updated_on",
  "category",
  "subcategory",
  "cmdb_ci",
  "business_service",
  "assignment_group",
  "assigned_to",
  "caller_id",
  "contact_type",
  "reassignment_count",
  "reopen_count",
  "made_sla",
  "close_code",
  "caused_by",
  "problem_id",
] as const;

const CI_COUNT = 300;
const YEARS = 4;
const START = Date.UTC(2022, 10, 1);
const HOUR = 3_600_000;

const states = ["1 - New", "2 - In Progress", "3 - On Hold", "6 - Resolved", "7 - Closed", "7 - Closed"];
const levels = ["1 - High", "2 - Medium", "3 - Low"];
const priorities = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low", "5 - Planning"];
const categories: [string, string[]][] = [
  ["Software", ["Error message", "Performance", "Login", "Data"]],
  ["Hardware", ["Scanner", "Printer", "Laptop", "Till"]],
  ["Network", ["VPN", "WLAN", "Latency"]],
  ["Inquiry / Help", ["How-to", "Access"]],
];
const channels = ["Phone", "Email", "Self-service", "Walk-in", "Chat"];
const groups = [
  "Service Desk",
  "Commerce Platforms",
  "Store IT",
  "ERP Application Team",
  "Network Operations",
];
const titles = [
  "Checkout hangs after payment",
  "Scanner cannot sync",
  "Cannot log in",
  "Report shows wrong totals",
  "Printer queue stuck",
  "Page loads slowly",
  "VPN drops every few minutes",
];

/** "2024-03-31 01:30:00", the export's local time format. */
const localTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

/** CSV quoting only where needed, as ServiceNow writes it. */
const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * The rows of a realistic incident export, streamed so that a million rows need no memory:
 * a few hundred CIs (the demo's own aliases among them, so that part of the tickets match),
 * four years of dates, the demo's people as callers. Same seed, same file.
 */
export function* serviceNowExportLines(rows: number, seed: number): Generator<string> {
  const random = seededRandom(seed);
  const demoCis = nordwindServices.flatMap((s) =>
    s.aliases.filter((a) => a.kind === "ci").map((a) => a.value),
  );
  const cis = [
    ...demoCis,
    ...Array.from({ length: CI_COUNT - demoCis.length }, (_, i) => `ci-app-${String(i).padStart(3, "0")}`),
  ];
  const services = nordwindServices.map((s) => s.name);
  const callers = nordwindPeople.map((p) => demoEmail(p.name));
  const span = YEARS * 365 * 24 * HOUR;
  yield serviceNowColumns.join(",");
  for (let i = 0; i < rows; i++) {
    // Tickets are exported in creation order, so opened_at grows with the number.
    const opened = START + Math.floor((i / rows) * span) + random.int(0, 59) * 60_000;
    const state = random.pick(states);
    const done = state.startsWith("6") || state.startsWith("7");
    const resolved = done ? opened + random.int(1, 72) * HOUR : null;
    const closed = state.startsWith("7") && resolved !== null ? resolved + 3 * 24 * HOUR : null;
    const [category, subcategories] = random.pick(categories);
    const number = `INC${String(1_000_000 + i).padStart(7, "0")}`;
    yield [
      `${random.uuid().replaceAll("-", "")}`,
      number,
      cell(`${random.pick(titles)}, ${random.pick(["store", "office", "warehouse"])} ${random.int(1, 80)}`),
      state,
      random.pick(priorities),
      random.pick(levels),
      random.pick(levels),
      localTime(opened),
      resolved === null ? "" : localTime(resolved),
      closed === null ? "" : localTime(closed),
      localTime(closed ?? resolved ?? opened + HOUR),
      category,
      random.pick(subcategories),
      random.pick(cis),
      random.next() < 0.5 ? random.pick(services) : "",
      random.pick(groups),
      `Agent ${random.int(1, 120)}`,
      random.pick(callers),
      random.pick(channels),
      String(random.int(0, 3)),
      String(random.next() < 0.05 ? 1 : 0),
      random.next() < 0.9 ? "true" : "false",
      done ? "Solved (Permanently)" : "",
      random.next() < 0.02 ? `CHG${String(random.int(30_000, 39_999)).padStart(7, "0")}` : "",
      random.next() < 0.03 ? `PRB${String(random.int(40_000, 40_999)).padStart(7, "0")}` : "",
    ].join(",");
  }
}

/** Writes the export to a file, respecting the stream's back-pressure. */
export const writeServiceNowExport = async (file: string, rows: number, seed: number): Promise<void> => {
  const out = createWriteStream(file, { mode: 0o644 });
  let chunk = "";
  for (const line of serviceNowExportLines(rows, seed)) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
};
