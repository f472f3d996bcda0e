import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import type { TicketRecord } from "../../src/domain/schemas/ticket.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { computeScorecard } from "../../src/use-cases/compute-scorecard.js";
import { importTickets } from "../../src/use-cases/import-tickets.js";
import { repositoriesAs } from "../support/actors.js";
import { makeBusinessUnit, makeService } from "../support/factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";
import { arrayReader, asRead, makeTicketRecord } from "../support/ticket-factories.js";

/**
 * A service's backlog by age (services are kept per month in the rollups, so the ages come from
 * its open tickets). Today is 2026-05-20; ages count whole days since the day a ticket was opened.
 */
describe.each(testBackends())("a service's backlog by age on %s", (backend) => {
  let store: Store;
  let r: Repositories;
  let shopId: string;
  let salesId: string;
  let financeId: string;
  const clock = fixedClock("2026-05-20T15:00:00Z");
  const may = { from: "2026-05-01", to: "2026-06-01" };

  beforeAll(async () => {
    store = await openTestStore(backend);
    r = createRepositories(store.db, systemActor("test"));
    salesId = (await makeBusinessUnit(r, { name: "Sales" })).id;
    financeId = (await makeBusinessUnit(r, { name: "Finance" })).id;
    shopId = (await makeService(r, { name: "Web Shop", aliases: [{ kind: "ci", value: "WEBSHOP" }] })).id;
    await makeService(r, { name: "Payroll", aliases: [{ kind: "ci", value: "PAYROLL" }] });
    await r.links.put("unit-service", { businessUnitId: salesId, serviceId: shopId, share: 60 });
    await r.links.put("unit-service", { businessUnitId: financeId, serviceId: shopId, share: 40 });
    const open = (ci: string, dept: string, openedAt: string): Partial<TicketRecord> => ({
      configurationItem: ci,
      requesterDepartment: dept,
      state: "open",
      openedAt,
      resolvedAt: null,
      closedAt: null,
    });
    const tickets: TicketRecord[] = [
      // The shop's open tickets, by age on 20 May:
      makeTicketRecord(open("WEBSHOP", "Sales", "2026-05-20T08:00:00Z")), // 0 days: up to one day
      makeTicketRecord(open("WEBSHOP", "Finance", "2026-05-19T23:30:00Z")), // 1 day: up to one day
      makeTicketRecord(open("WEBSHOP", "Sales", "2026-05-15T10:00:00Z")), // 5 days: one to seven
      makeTicketRecord(open("WEBSHOP", "Sales", "2026-05-08T10:00:00Z")), // 12 days: seven to thirty
      makeTicketRecord(open("WEBSHOP", "Finance", "2026-04-20T10:00:00Z")), // 30 days: seven to thirty
      makeTicketRecord(open("WEBSHOP", "Sales", "2026-04-19T10:00:00Z")), // 31 days: over thirty
      makeTicketRecord(open("WEBSHOP", "Sales", "2025-11-02T10:00:00Z")), // 199 days: over thirty
      // Not in the shop's backlog: resolved, cancelled, another service's.
      makeTicketRecord({
        configurationItem: "WEBSHOP",
        requesterDepartment: "Sales",
        state: "resolved",
        openedAt: "2026-05-18T10:00:00Z",
        resolvedAt: "2026-05-19T10:00:00Z",
      }),
      makeTicketRecord({
        configurationItem: "WEBSHOP",
        requesterDepartment: "Sales",
        state: "cancelled",
        openedAt: "2026-05-18T10:00:00Z",
        resolvedAt: null,
        closedAt: "2026-05-18T11:00:00Z",
      }),
      makeTicketRecord(open("PAYROLL", "Sales", "2026-05-19T10:00:00Z")),
    ];
    const result = await importTickets({
      db: store.db,
      reader: arrayReader(asRead(tickets)),
      source: "ages.csv",
    });
    expect(result.status).toBe("succeeded");
  });
  afterAll(() => store.close());

  it("counts the service's open tickets by age, and only them", async () => {
    const card = await computeScorecard({ repositories: r, clock, ...may, serviceId: shopId });
    expect(card.backlog.atEnd).toBe(7);
    expect(card.backlog.ages).toEqual({
      upToOneDay: 2,
      oneToSevenDays: 1,
      sevenToThirtyDays: 2,
      overThirtyDays: 2,
    });
  });

  it("narrows to a unit's tickets of the service, for that unit's stakeholder too", async () => {
    const finance = await computeScorecard({
      repositories: repositoriesAs(store.db, "business_stakeholder", [financeId]),
      clock,
      ...may,
      serviceId: shopId,
      businessUnitId: financeId,
    });
    // Finance's two: 1 day and 30 days old.
    expect(finance.backlog.ages).toEqual({
      upToOneDay: 1,
      oneToSevenDays: 0,
      sevenToThirtyDays: 1,
      overThirtyDays: 0,
    });
  });

  it("has no ages for a period that ended before today", async () => {
    const april = await computeScorecard({
      repositories: r,
      clock,
      from: "2026-04-01",
      to: "2026-05-01",
      serviceId: shopId,
    });
    expect(april.backlog.ages).toBeNull();
    // Opened before 1 May and open then: 30-, 31- and 199-day-old ones.
    expect(april.backlog.atEnd).toBe(3);
  });
});
