import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import type { Scorecard } from "../../src/domain/schemas/scorecard.js";
import type { TicketRecord } from "../../src/domain/schemas/ticket.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { scorecardWithChange } from "../../src/use-cases/compare-scorecards.js";
import { computeScorecard } from "../../src/use-cases/compute-scorecard.js";
import { importTickets } from "../../src/use-cases/import-tickets.js";
import { listServiceScorecards } from "../../src/use-cases/list-service-scorecards.js";
import { repositoriesAs } from "../support/actors.js";
import { makeBusinessUnit, makeCapability, makeService } from "../support/factories.js";
import { rollupSnapshot } from "../support/rollup-snapshot.js";
import { openTestStore, testBackends } from "../support/test-store.js";
import { arrayReader, asRead, makeTicketRecord } from "../support/ticket-factories.js";

/**
 * One month of a web shop's tickets, every figure worked out by hand in the comments
 * (reference §1 definitions). The service is agreed Monday to Friday, 08:00-18:00 UTC.
 */
describe.each(testBackends())("service metrics on %s", (backend) => {
  let store: Store;
  let r: Repositories;
  let shopId: string;
  let salesId: string;
  let otherUnitId: string;
  const clock = fixedClock("2026-05-01T00:00:00Z");
  const march = { from: "2026-03-01", to: "2026-04-01" };

  const shop = (o: Partial<TicketRecord>) =>
    makeTicketRecord({ configurationItem: "WEBSHOP", requesterDepartment: "Sales", priority: 2, ...o });

  beforeAll(async () => {
    store = await openTestStore(backend);
    r = createRepositories(store.db, systemActor("test"));
    const sales = await makeBusinessUnit(r, { name: "Sales" });
    salesId = sales.id;
    otherUnitId = (await makeBusinessUnit(r, { name: "Finance" })).id;
    const service = await makeService(r, {
      name: "Web Shop",
      aliases: [{ kind: "ci", value: "WEBSHOP" }],
      availabilityTarget: 99.5,
      serviceHours: {
        timeZone: "UTC",
        windows: ["mon", "tue", "wed", "thu", "fri"].map((day) => ({
          day: day as "mon",
          start: "08:00",
          end: "18:00",
        })),
        holidays: [],
      },
      slaTargets: [{ priority: 2, responseSeconds: 1800, resolutionSeconds: 14_400 }],
    });
    shopId = service.id;
    const capability = await makeCapability(r, {
      name: "Online sales",
      downtimeCostPerHourCents: 120_000,
      users: 300,
    });
    await r.links.put("service-capability", {
      serviceId: shopId,
      capabilityId: capability.id,
      strength: 0.5,
    });
    await r.links.put("unit-service", { businessUnitId: salesId, serviceId: shopId, share: 100 });

    const tickets: TicketRecord[] = [
      // INC1: ack after 600 s, resolved after 2 h (all within hours): SLA met; first contact.
      shop({
        openedAt: "2026-03-02T09:00:00Z",
        acknowledgedAt: "2026-03-02T09:10:00Z",
        resolvedAt: "2026-03-02T11:00:00Z",
      }),
      // INC2: Fri 17:00 → Mon 10:00: 65 h wall clock, 3 h in service hours (Fri 1 h + Mon 2 h): SLA met;
      // reassigned twice, reopened once.
      shop({
        openedAt: "2026-03-06T17:00:00Z",
        acknowledgedAt: "2026-03-06T17:20:00Z",
        resolvedAt: "2026-03-09T10:00:00Z",
        reassignmentCount: 2,
        reopenCount: 1,
      }),
      // INC3: a major incident, 6 h on a Tuesday: SLA (4 h) breached; an outage of 6 h.
      shop({ openedAt: "2026-03-10T09:00:00Z", resolvedAt: "2026-03-10T15:00:00Z", majorIncident: true }),
      // INC4: still open at the end of March.
      shop({
        openedAt: "2026-03-20T10:00:00Z",
        resolvedAt: null,
        state: "open",
        stateRaw: "In Progress",
        priority: 3,
      }),
      // A request fulfilled in 48 h.
      shop({
        type: "request",
        priority: 3,
        openedAt: "2026-03-03T08:00:00Z",
        resolvedAt: "2026-03-05T08:00:00Z",
        closedAt: "2026-03-05T08:00:00Z",
        state: "closed",
      }),
      // Two changes closed in March: one successful, one failed.
      shop({
        type: "change",
        priority: 3,
        openedAt: "2026-03-12T08:00:00Z",
        resolvedAt: "2026-03-15T08:00:00Z",
        closedAt: "2026-03-15T08:00:00Z",
        state: "closed",
        changeOutcome: "successful",
      }),
      shop({
        type: "change",
        priority: 3,
        openedAt: "2026-03-13T08:00:00Z",
        resolvedAt: "2026-03-16T08:00:00Z",
        closedAt: "2026-03-16T08:00:00Z",
        state: "closed",
        changeOutcome: "failed",
      }),
      // Opened in February (not counted in March's volumes), resolved in February: outside March entirely.
      shop({ openedAt: "2026-02-10T09:00:00Z", resolvedAt: "2026-02-10T10:00:00Z" }),
    ];
    const result = await importTickets({
      db: store.db,
      reader: arrayReader(asRead(tickets)),
      source: "hand.csv",
    });
    expect(result.status).toBe("succeeded");
  });
  afterAll(() => store.close());

  const card = (repositories: Repositories, o: Partial<Parameters<typeof computeScorecard>[0]> = {}) =>
    computeScorecard({ repositories, clock, ...march, serviceId: shopId, ...o });

  it("matched every ticket to the web shop and Sales (the figures below rely on it)", async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ticket WHERE service_id = ${shopId} AND business_unit_id = ${salesId}`.execute(
      store.db,
    );
    expect(rows[0]?.n).toBe(8);
  });

  it("computes the scorecard's ticket figures as worked out by hand", async () => {
    const s = await card(r);
    expect(s.volumes).toEqual({ incident: 4, request: 1, change: 2, problem: 0 });
    expect(s.mttaHours).toBeCloseTo(900 / 3600, 9); // (600 + 1200) / 2 s
    expect(s.mttrHours.count).toBe(3);
    expect(s.mttrHours.mean).toBeCloseTo((7200 + 234_000 + 21_600) / 3 / 3600, 9); // 24.33 h
    expect(s.mttrHours.median).toBeCloseTo(6, 0); // nearest rank 2 of 3 = 6 h, within 2 %
    expect(Math.abs((s.mttrHours.median as number) - 6) / 6).toBeLessThanOrEqual(0.02);
    expect(Math.abs((s.mttrHours.p90 as number) - 65) / 65).toBeLessThanOrEqual(0.02); // rank 3 of 3
    expect(s.mttrServiceHours.mean).toBeCloseTo((7200 + 10_800 + 21_600) / 3 / 3600, 9); // 3.67 h
    // Within service hours: 2 h, 3 h and 6 h; nearest rank 2 of 3 is 3 h, rank 3 of 3 is 6 h.
    expect(Math.abs((s.mttrServiceHours.median as number) - 3) / 3).toBeLessThanOrEqual(0.02);
    expect(Math.abs((s.mttrServiceHours.p90 as number) - 6) / 6).toBeLessThanOrEqual(0.02);
    expect(s.slaCount).toBe(3);
    expect(s.slaAttainmentPct).toBeCloseTo(200 / 3, 9);
    expect(s.firstContactResolutionPct).toBeCloseTo(200 / 3, 9);
    expect(s.reopenRatePct).toBeCloseTo(100 / 3, 9);
    expect(s.backlog).toEqual({ atEnd: 1, ages: null });
    expect(s.changesClosed).toBe(2);
    expect(s.changeSuccessPct).toBe(50);
    expect(s.requestFulfilmentHours.mean).toBe(48);
  });

  it("answers a month with the one before it in one call, each with its own outages and backlog", async () => {
    const {
      scorecard: april,
      previous,
      change,
    } = await scorecardWithChange({
      repositories: r,
      clock,
      from: "2026-04-01",
      to: "2026-05-01",
      serviceId: shopId,
    });
    expect(previous.from).toBe("2026-03-01");
    // March as worked out by hand above.
    expect(previous.volumes).toEqual({ incident: 4, request: 1, change: 2, problem: 0 });
    expect(previous.mttrServiceHours.mean).toBeCloseTo((7200 + 10_800 + 21_600) / 3 / 3600, 9);
    expect(previous.outages).toBe(1);
    expect(previous.downtimeCostCents).toBe(6 * 60_000);
    expect(previous.backlog.atEnd).toBe(1);
    // April: nothing opened or resolved, March's outage is not in it, INC4 is still open.
    expect(april.incidents).toBe(0);
    expect(april.mttrHours.mean).toBeNull();
    expect(april.outages).toBe(0);
    expect(april.outageHours).toBe(0);
    expect(april.downtimeCostCents).toBe(0);
    expect(april.availabilityPct).toBe(100);
    expect(april.backlog.atEnd).toBe(1);
    expect(change.incidents).toBe(-4);
  });

  it("computes availability, MTBF and downtime cost from the outage", async () => {
    const s = await card(r);
    // March 2026 has 22 weekdays: 220 agreed hours; the outage took 6 of them.
    expect(s.availabilityPct).toBeCloseTo(((220 - 6) / 220) * 100, 9);
    expect(s.availabilityTargetPct).toBe(99.5);
    expect(s.outages).toBe(1);
    expect(s.mttrRestoreHours).toBe(6);
    expect(s.mtbfHours).toBeCloseTo(214, 9); // (220 − 6) / 1
    expect(s.outageHours).toBe(6);
    expect(s.downtimeCostCents).toBe(6 * 60_000); // 1,200 €/h × strength 0.5 × 6 h
    expect(s.usersAffected).toBe(300);
    expect(s.lostHours).toBe(1800);
  });

  it("answers a period that runs into today, with the backlog's ages (a service's from its open tickets)", async () => {
    const now = fixedClock("2026-03-21T12:00:00Z");
    const service = await computeScorecard({
      repositories: r,
      clock: now,
      from: "2026-03-01",
      to: "2026-04-01",
      serviceId: shopId,
    });
    expect(service.backlog.atEnd).toBe(1);
    // Services are kept per month: their ages come from the open tickets (INC4, the shop's, a day old).
    expect(service.backlog.ages).toEqual({
      upToOneDay: 1,
      oneToSevenDays: 0,
      sevenToThirtyDays: 0,
      overThirtyDays: 0,
    });
    const org = await computeScorecard({ repositories: r, clock: now, from: "2026-03-01", to: "2026-04-01" });
    // INC4, opened on 2026-03-20, is a day old on 2026-03-21.
    expect(org.backlog.ages).toEqual({
      upToOneDay: 1,
      oneToSevenDays: 0,
      sevenToThirtyDays: 0,
      overThirtyDays: 0,
    });
  });

  it("lists every service's scorecard in one go, equal to each service's own scorecard", async () => {
    const list = await listServiceScorecards({ repositories: r, clock, ...march });
    expect(list.services.map((s) => s.serviceName)).toEqual(["Web Shop"]);
    expect(list.services[0]?.scorecard).toEqual(await card(r));
    // A stakeholder of a unit that does not use the shop gets no row for it.
    const finance = repositoriesAs(store.db, "business_stakeholder", [otherUnitId]);
    expect((await listServiceScorecards({ repositories: finance, clock, ...march })).services).toEqual([]);
  });

  it("reports no data, not 0, for a month without tickets", async () => {
    const s = await card(r, { from: "2025-06-01", to: "2025-07-01" });
    expect(s.incidents).toBe(0);
    expect(s.mttaHours).toBeNull();
    expect(s.mttrHours).toEqual({ mean: null, median: null, p90: null, count: 0 });
    expect(s.slaAttainmentPct).toBeNull();
    expect(s.reopenRatePct).toBeNull();
    expect(s.changeSuccessPct).toBeNull();
    expect(s.mtbfHours).toBeNull();
    expect(s.availabilityPct).toBe(100);
  });

  it("answers a period that starts and ends mid-month from day and month rows alike", async () => {
    // 2026-03-02 .. 2026-03-10 (exclusive) holds INC1 and INC2 opened, the request, and no outage.
    const s = await card(r, { from: "2026-03-02", to: "2026-03-10", serviceId: null });
    expect(s.volumes.incident).toBe(2);
    expect(s.volumes.request).toBe(1);
    expect(s.mttrHours.count).toBe(2);
    expect(s.outages).toBe(0);
    const twoMonths = await card(r, { from: "2026-02-05", to: "2026-04-01", serviceId: null });
    expect(twoMonths.volumes.incident).toBe(5);
    // A unit's counts are kept per day, its percentiles per month (and it says over which months).
    const unit = await card(r, {
      from: "2026-03-02",
      to: "2026-03-10",
      serviceId: null,
      businessUnitId: salesId,
    });
    expect(unit.mttrHours.count).toBe(2);
    expect(unit.percentilesOver).toEqual({ from: "2026-03-01", to: "2026-04-01" });
    // A service's figures are kept per month: a period of days is refused with the reason.
    await expect(card(r, { from: "2026-03-02", to: "2026-03-10" })).rejects.toMatchObject({
      code: "validation",
    });
  });

  it("answers the shop crossed with a unit and a priority from the shop's own tickets, and refuses a breakdown by service of one group", async () => {
    // Sales' P2 incidents of the shop in March: INC1, INC2, INC3 (INC4 is P3), as in the scorecard.
    const s = await card(r, { businessUnitId: salesId, priority: 2 });
    expect(s.volumes).toEqual({ incident: 3, request: 0, change: 0, problem: 0 });
    expect(s.mttrHours.mean).toBeCloseTo((7200 + 234_000 + 21_600) / 3 / 3600, 9);
    expect(s.slaAttainmentPct).toBeCloseTo(200 / 3, 9);
    expect(s.backlog.atEnd).toBe(0);
    // P3 of the same: the open INC4 (its backlog) and the request and changes.
    const p3 = await card(r, { businessUnitId: salesId, priority: 3 });
    expect(p3.volumes).toEqual({ incident: 1, request: 1, change: 2, problem: 0 });
    expect(p3.backlog.atEnd).toBe(1);
    // Every service of one group is not kept; the reason names what to ask instead.
    await expect(
      r.metrics.series({ assignmentGroup: "Desk" }, march, "month", "service"),
    ).rejects.toMatchObject({ code: "validation", message: expect.stringContaining("one service") });
  });

  it("gives a business unit its share of the downtime cost, and nothing to a unit that does not use the shop", async () => {
    const sales = await card(r, { serviceId: null, businessUnitId: salesId });
    expect(sales.incidents).toBe(4);
    expect(sales.downtimeCostCents).toBe(360_000);
    const finance = await card(r, { serviceId: null, businessUnitId: otherUnitId });
    expect(finance.incidents).toBe(0);
    expect(finance.downtimeCostCents).toBe(0);
  });

  it("keeps the rollups exact when tickets change and go, and a rebuild gives the same rows", async () => {
    const before = await card(r);
    // Resolve the open INC4 on 2026-03-31 after 11 days and 14 h; then remove the request.
    await sql`UPDATE ticket SET state = 'resolved', resolved_at = '2026-03-31T00:00:00Z' WHERE state = 'open'`.execute(
      store.db,
    );
    await sql`DELETE FROM ticket WHERE type = 'request'`.execute(store.db);
    const after = await card(r);
    expect(after.mttrHours.count).toBe(before.mttrHours.count + 1);
    expect(after.backlog.atEnd).toBe(0);
    expect(after.volumes.request).toBe(0);
    expect(after.requestFulfilmentHours.mean).toBeNull();
    const snapshot = () => rollupSnapshot(store.db);
    const incremental = await snapshot();
    await r.metrics.rebuild();
    expect(await snapshot()).toEqual(incremental);
    expect(await card(r)).toEqual(after);
  });

  it("shows a stakeholder of another unit nothing of the shop, and refuses its service by id", async () => {
    const finance = repositoriesAs(store.db, "business_stakeholder", [otherUnitId]);
    const org = await computeScorecard({ repositories: finance, clock, ...march });
    expect(org.incidents).toBe(0);
    expect(org.downtimeCostCents).toBe(0);
    await expect(
      computeScorecard({ repositories: finance, clock, ...march, serviceId: shopId }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    const sales = repositoriesAs(store.db, "business_stakeholder", [salesId]);
    const own: Scorecard = await computeScorecard({ repositories: sales, clock, ...march });
    expect(own.volumes.incident).toBe(4);
  });
});
