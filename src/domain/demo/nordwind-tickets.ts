import type { TicketRecord, TicketType } from "../schemas/ticket.js";
import { seededRandom } from "../seeded-random.js";
import { demoEmail, nordwindPeople } from "./nordwind-people.js";
import { type DemoService, nordwindServices } from "./nordwind-services.js";

/** The history ends here, so that the demo looks the same whatever day it is started. */
export const demoTicketsEnd = "2026-10-31T23:59:59Z";
export const demoTicketsStart = "2024-11-01T00:00:00Z";

/** The change that goes wrong, and the service it breaks (a burst of incidents follows it). */
export const badChange = { number: "CHG0031337", service: "Web Shop", at: "2026-03-12T20:00:00Z" };
/** The service that gets steadily worse: more incidents, resolved more slowly, month by month. */
export const worseningService = "Store Staff Planner";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const start = Date.parse(demoTicketsStart);
const end = Date.parse(demoTicketsEnd);
const BURST = 40;

/** Outages of tier-1 services: [service, start, hours]. */
const majorIncidents: [string, string, number][] = [
  ["Web Shop", "2024-11-29T09:10:00Z", 5],
  ["Web Shop", "2025-12-16T14:30:00Z", 3],
  ["Store Checkout", "2025-06-07T08:05:00Z", 4],
  ["Web Shop", "2026-03-13T07:40:00Z", 9],
];

const typeMix: [TicketType, number][] = [
  ["incident", 0.7],
  ["request", 0.2],
  ["change", 0.06],
  ["problem", 0.04],
];
const prefix: Record<TicketType, string> = {
  incident: "INC",
  request: "RITM",
  change: "CHG",
  problem: "PRB",
};
const titles: Record<TicketType, string[]> = {
  incident: ["is slow", "shows an error", "cannot be reached", "login fails", "data is missing"],
  request: ["access request", "new user", "report request", "configuration change"],
  change: ["release", "patch", "configuration update"],
  problem: ["recurring errors", "root cause of slowness"],
};

/** The type whose share of the mix covers `draw` (a number in [0, 1)). */
const ticketType = (draw: number): TicketType => {
  let acc = 0;
  for (const [type, share] of typeMix) {
    acc += share;
    if (draw < acc) return type;
  }
  return "incident";
};

const ciOf = (s: DemoService) => s.aliases.find((a) => a.kind === "ci")?.value;
const monthIndex = (ms: number) => {
  const d = new Date(ms);
  return (d.getUTCFullYear() - 2024) * 12 + d.getUTCMonth() - 10;
};
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Fewer tickets at the weekend: people and shops open less. */
const weekdayFactor = (ms: number) => ([0, 6].includes(new Date(ms).getUTCDay()) ? 0.35 : 1);
/** The shop's busiest weeks: mid-November to Christmas. */
const seasonFactor = (service: string, ms: number) => {
  const d = new Date(ms);
  const beforeChristmas =
    (d.getUTCMonth() === 10 && d.getUTCDate() >= 15) || (d.getUTCMonth() === 11 && d.getUTCDate() <= 24);
  return service === "Web Shop" && beforeChristmas ? 2.5 : 1;
};
const serviceWeight = (s: DemoService, ms: number) =>
  (5 - s.tier) * seasonFactor(s.name, ms) * (s.name === worseningService ? 0.5 + 0.25 * monthIndex(ms) : 1);

export interface NordwindTicketsOptions {
  /** About how many tickets (the bad change's burst and the major incidents come on top). */
  count: number;
  seed?: number;
}

/**
 * Two years of ticket history for the demo organisation, generated from a seed: each ticket names
 * one of its service's CIs (so that it matches) and a demo person as requester (so that it finds
 * its business unit). Weekly and seasonal patterns, a few major incidents, a bad change followed
 * by a burst of incidents, and one service going downhill give the reports something to show.
 */
export function* nordwindTickets({ count, seed = 42 }: NordwindTicketsOptions): Generator<TicketRecord> {
  if (count <= 0) return;
  const random = seededRandom(seed);
  const services = nordwindServices.filter((s) => ciOf(s) !== undefined && s.lifecycle !== "pipeline");
  const requesters = nordwindPeople.map((p) => demoEmail(p.name));
  const days = Math.floor((end - start) / DAY) + 1;
  // Two passes: weigh every (day, service), then share `count` out in proportion.
  let total = 0;
  for (let d = 0; d < days; d++) {
    const ms = start + d * DAY;
    for (const s of services) total += weekdayFactor(ms) * serviceWeight(s, ms);
  }
  const scale = count / total;
  const numbers: Record<TicketType, number> = { incident: 0, request: 0, change: 0, problem: 0 };
  const ticket = (
    type: TicketType,
    s: DemoService,
    opened: number,
    extra: Partial<TicketRecord> = {},
  ): TicketRecord => {
    numbers[type] += 1;
    const number = `${prefix[type]}${String(numbers[type] + 100_000).padStart(7, "0")}`;
    const priority = random.int(2, 4);
    // Hours to resolve: longer for low priority, and for the worsening service month by month.
    const slowdown = s.name === worseningService ? 1 + 0.2 * monthIndex(opened) : 1;
    const resolved = opened + Math.round((random.int(1, 8) * priority * slowdown + random.next()) * HOUR);
    const done = resolved < end;
    const pick = titles[type];
    return {
      sourceSystem: "servicenow",
      externalId: `nw-${number}`,
      type,
      number,
      title: `${s.name}: ${random.pick(pick)}`,
      state: done ? "closed" : "open",
      stateRaw: done ? "7 - Closed" : "2 - In Progress",
      priority,
      priorityRaw: String(priority),
      impact: null,
      urgency: null,
      openedAt: iso(opened),
      acknowledgedAt: null,
      resolvedAt: done ? iso(resolved) : null,
      closedAt: done ? iso(Math.min(resolved + 2 * DAY, end)) : null,
      updatedAt: iso(done ? Math.min(resolved + 2 * DAY, end) : opened),
      assignmentGroup: s.team,
      assignee: null,
      requester: random.pick(requesters),
      requesterDepartment: null,
      configurationItem: ciOf(s) ?? null,
      businessService: null,
      components: [],
      requestType: null,
      category: null,
      subcategory: null,
      channel: random.pick(["Phone", "Email", "Self-service"]),
      reassignmentCount: random.int(0, 2),
      reopenCount: 0,
      slas: [],
      causedByChange: null,
      relatedProblem: null,
      closeCode: done ? "Solved (Permanently)" : null,
      plannedStartAt: null,
      plannedEndAt: null,
      changeOutcome: type === "change" && done ? "successful" : null,
      risk: null,
      majorIncident: false,
      sourceFields: {},
      ...extra,
    };
  };
  const byName = (name: string) => services.find((s) => s.name === name) as DemoService;
  const badAt = Date.parse(badChange.at);
  for (let d = 0; d < days; d++) {
    const day = start + d * DAY;
    for (const s of services) {
      const expected = scale * weekdayFactor(day) * serviceWeight(s, day);
      // Stochastic rounding keeps the total near `count` without a fractional ticket.
      const n = Math.floor(expected) + (random.next() < expected % 1 ? 1 : 0);
      for (let i = 0; i < n; i++) {
        const type = ticketType(random.next());
        yield ticket(type, s, day + random.int(6 * 60, 20 * 60) * 60_000);
      }
    }
    for (const [name, at, hours] of majorIncidents) {
      const opened = Date.parse(at);
      if (opened < day || opened >= day + DAY) continue;
      yield ticket("incident", byName(name), opened, {
        majorIncident: true,
        priority: 1,
        priorityRaw: "1",
        title: `${name}: outage`,
        state: "closed",
        stateRaw: "7 - Closed",
        resolvedAt: iso(opened + hours * HOUR),
        closedAt: iso(opened + hours * HOUR + DAY),
      });
    }
    if (badAt >= day && badAt < day + DAY) {
      const s = byName(badChange.service);
      const change = ticket("change", s, badAt, {
        changeOutcome: "backed_out",
        closeCode: "Unsuccessful: backed out",
      });
      yield {
        ...change,
        number: badChange.number,
        externalId: `nw-${badChange.number}`,
        title: `${s.name}: payment release`,
      };
      for (let i = 0; i < BURST; i++) {
        yield ticket("incident", s, badAt + random.int(10, 48 * 60) * 60_000, {
          causedByChange: badChange.number,
          title: `${s.name}: payment fails`,
        });
      }
    }
  }
}
