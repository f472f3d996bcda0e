import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { measureHappiness } from "../../src/use-cases/measure-happiness.js";
import { measurePainPointAcknowledgement } from "../../src/use-cases/measure-pain-point-acknowledgement.js";
import { repositoriesAs } from "../support/actors.js";
import {
  addFeedbackRow,
  type FeedbackWorld,
  makeFeedbackWorld,
  makeTickets,
} from "../support/feedback-factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";

describe.each(testBackends())("voice KPI sources (%s)", (backend) => {
  let store: Store;
  let world: FeedbackWorld;

  beforeAll(async () => {
    store = await openTestStore(backend);
    world = await makeFeedbackWorld(store.db);
  }, 60_000);
  afterAll(async () => store.close());

  it("measures pain-point time to acknowledge per period and unit", async () => {
    const sys = createRepositories(store.db, systemActor("test"));
    const input = (businessUnitId: string, title: string) => ({
      title,
      description: "",
      serviceId: null,
      businessUnitId,
      frequency: "weekly" as const,
      hoursLostPerWeek: 1,
    });
    const at = (iso: string) => new Date(iso);
    // Sales: acknowledged after 10 h and 30 h in March; HR: after 4 h; one Sales point still new.
    const a = await sys.painPoints.create(input(world.sales, "A"), at("2026-03-02T00:00:00Z"));
    await sys.painPoints.triage(a.id, { status: "acknowledged" }, at("2026-03-02T10:00:00Z"));
    const b = await sys.painPoints.create(input(world.sales, "B"), at("2026-03-03T00:00:00Z"));
    await sys.painPoints.triage(b.id, { status: "planned" }, at("2026-03-04T06:00:00Z"));
    // Moving on later does not change when it was acknowledged.
    await sys.painPoints.triage(b.id, { status: "done" }, at("2026-03-10T00:00:00Z"));
    const c = await sys.painPoints.create(input(world.hr, "C"), at("2026-03-05T00:00:00Z"));
    await sys.painPoints.triage(c.id, { status: "acknowledged" }, at("2026-03-05T04:00:00Z"));
    await sys.painPoints.create(input(world.sales, "D"), at("2026-03-20T00:00:00Z"));
    // Acknowledged in April: outside the March period.
    const e = await sys.painPoints.create(input(world.sales, "E"), at("2026-03-30T00:00:00Z"));
    await sys.painPoints.triage(e.id, { status: "acknowledged" }, at("2026-04-02T00:00:00Z"));

    const march = { from: "2026-03-01", to: "2026-03-31" };
    const all = await measurePainPointAcknowledgement({ repositories: sys, ...march });
    // 10, 30, 4 hours → mean 14.7, median 10; waiting at April 1st: D (12 days) and E (2 days)
    expect(all).toEqual({
      acknowledged: 3,
      meanHoursToAcknowledge: 14.7,
      medianHoursToAcknowledge: 10,
      waiting: 2,
      oldestWaitingHours: 288,
    });
    const sales = await measurePainPointAcknowledgement({
      repositories: sys,
      ...march,
      businessUnitId: world.sales,
    });
    expect(sales).toMatchObject({
      acknowledged: 2,
      meanHoursToAcknowledge: 20,
      medianHoursToAcknowledge: 20,
    });
    // A Sales stakeholder sees only Sales's pain points, whatever they ask.
    const asSales = repositoriesAs(store.db, "business_stakeholder", [world.sales]);
    expect((await measurePainPointAcknowledgement({ repositories: asSales, ...march })).acknowledged).toBe(2);
    expect((await sys.painPoints.get(b.id, at("2026-03-10T00:00:00Z"))).hoursToAcknowledge).toBe(30);
  });

  it("measures happiness per period, hiding fewer than five answers", async () => {
    const sys = createRepositories(store.db, systemActor("test"));
    const tickets = await makeTickets(
      store.db,
      Array.from({ length: 6 }, () => ({ serviceId: world.crm, businessUnitId: world.sales })),
    );
    const answers: [number, number][] = [
      [10, 0],
      [9, 60],
      [7, 60],
      [2, 240],
      [10, 0],
    ];
    for (const [index, [score, lost]] of answers.entries())
      await addFeedbackRow(store.db, tickets[index]?.id ?? "", score, lost, "", "2026-02-10T09:00:00Z");
    await addFeedbackRow(store.db, tickets[5]?.id ?? "", 0, 480, "", "2026-03-10T09:00:00Z");
    const february = await measureHappiness({ repositories: sys, from: "2026-02-01", to: "2026-02-28" });
    // promoters 3, detractors 1 of 5 → 40; lost 360 / 5 = 72
    expect(february).toEqual({ suppressed: false, respondents: 5, happiness: 40, meanLostMinutes: 72 });
    const march = await measureHappiness({ repositories: sys, from: "2026-03-01", to: "2026-03-31" });
    expect(march).toEqual({ suppressed: true, respondents: null, happiness: null, meanLostMinutes: null });
    const hr = await measureHappiness({
      repositories: sys,
      from: "2026-02-01",
      to: "2026-02-28",
      businessUnitId: world.hr,
    });
    expect(hr.suppressed).toBe(true);
  });
});
