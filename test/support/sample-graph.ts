import type { GraphRows } from "../../src/domain/graph/graph-rows.js";

/**
 * Sales (with the sub-unit Online Sales) and HR. Web Shop supports Order capture (0.8) and
 * Payments (0.5); Payment Gateway supports Payments (1.0); Web Shop depends on Payment Gateway
 * and Database, Payment Gateway on Database. Order capture serves Faster checkout (60) and Win
 * online customers (40); Payments serves Faster checkout (50) and Fewer abandoned carts (30).
 * Cascade: Grow revenue ▸ Win online customers ▸ {Faster checkout, Fewer abandoned carts}.
 */
export const sampleGraph = (): GraphRows => ({
  units: [
    { id: "sales", name: "Sales", parentId: null },
    { id: "online", name: "Online Sales", parentId: "sales" },
    { id: "hr", name: "HR", parentId: null },
  ],
  goals: [
    {
      id: "s1",
      name: "Grow revenue",
      level: "strategic",
      parentId: null,
      ownerBusinessUnitId: "sales",
      status: "active",
    },
    {
      id: "g1",
      name: "Win online customers",
      level: "goal",
      parentId: "s1",
      ownerBusinessUnitId: "online",
      status: "active",
    },
    {
      id: "o1",
      name: "Faster checkout",
      level: "objective",
      parentId: "g1",
      ownerBusinessUnitId: "online",
      status: "active",
    },
    {
      id: "o2",
      name: "Fewer abandoned carts",
      level: "objective",
      parentId: "g1",
      ownerBusinessUnitId: "sales",
      status: "active",
    },
    {
      id: "s2",
      name: "Retain talent",
      level: "strategic",
      parentId: null,
      ownerBusinessUnitId: "hr",
      status: "active",
    },
  ],
  capabilities: [
    {
      id: "c1",
      name: "Order capture",
      parentId: null,
      ownerBusinessUnitId: "online",
      downtimeCostPerHourCents: 100_000,
      users: 200,
    },
    {
      id: "c2",
      name: "Payments",
      parentId: null,
      ownerBusinessUnitId: "sales",
      downtimeCostPerHourCents: 50_000,
      users: 300,
    },
    {
      id: "c3",
      name: "Payroll processing",
      parentId: null,
      ownerBusinessUnitId: null,
      downtimeCostPerHourCents: 20_000,
      users: 50,
    },
  ],
  services: [
    { id: "shop", name: "Web Shop", lifecycleStatus: "live", businessOwnerId: "p1" },
    { id: "gw", name: "Payment Gateway", lifecycleStatus: "live", businessOwnerId: "p1" },
    { id: "db", name: "Database", lifecycleStatus: "live", businessOwnerId: "p1" },
    { id: "payroll", name: "Payroll", lifecycleStatus: "live", businessOwnerId: "p1" },
  ],
  serviceCapabilities: [
    { serviceId: "shop", capabilityId: "c1", strength: 0.8 },
    { serviceId: "shop", capabilityId: "c2", strength: 0.5 },
    { serviceId: "gw", capabilityId: "c2", strength: 1 },
    { serviceId: "payroll", capabilityId: "c3", strength: 1 },
  ],
  capabilityGoals: [
    { capabilityId: "c1", goalId: "o1", weight: 60 },
    { capabilityId: "c1", goalId: "g1", weight: 40 },
    { capabilityId: "c2", goalId: "o1", weight: 50 },
    { capabilityId: "c2", goalId: "o2", weight: 30 },
  ],
  unitServices: [
    { businessUnitId: "online", serviceId: "shop", share: 70 },
    { businessUnitId: "sales", serviceId: "shop", share: 30 },
    { businessUnitId: "sales", serviceId: "gw", share: 100 },
    { businessUnitId: "hr", serviceId: "payroll", share: 100 },
    { businessUnitId: "sales", serviceId: "db", share: 50 },
  ],
  serviceDependencies: [
    { serviceId: "shop", dependsOnServiceId: "gw" },
    { serviceId: "gw", dependsOnServiceId: "db" },
    { serviceId: "shop", dependsOnServiceId: "db" },
  ],
});
