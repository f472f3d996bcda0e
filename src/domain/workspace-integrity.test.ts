import { describe, expect, it } from "vitest";
import { type WorkspaceInput, workspace } from "./schemas/workspace.js";
import { checkWorkspaceIntegrity, firstCycle } from "./workspace-integrity.js";

const U1 = "10000000-0000-4000-8000-000000000001";
const U2 = "10000000-0000-4000-8000-000000000002";
const G1 = "20000000-0000-4000-8000-000000000001";
const G2 = "20000000-0000-4000-8000-000000000002";
const C1 = "30000000-0000-4000-8000-000000000001";
const S1 = "40000000-0000-4000-8000-000000000001";
const S2 = "40000000-0000-4000-8000-000000000002";
const S3 = "40000000-0000-4000-8000-000000000003";
const MISSING = "99999999-0000-4000-8000-000000000009";

/** A small, consistent workspace; each test breaks one thing. */
const base = (): WorkspaceInput => ({
  format: "tandem-workspace",
  version: 1,
  businessUnits: [
    { id: U1, name: "Sales" },
    { id: U2, name: "Retail", parentId: U1 },
  ],
  goals: [
    { id: G1, name: "Grow", level: "strategic", ownerBusinessUnitId: U1 },
    { id: G2, name: "Grow online", level: "goal", parentId: G1 },
  ],
  capabilities: [{ id: C1, name: "Sell online", ownerBusinessUnitId: U1 }],
  services: [
    { id: S1, name: "Web Shop", aliases: [{ kind: "ci", value: "shop" }] },
    { id: S2, name: "Payments" },
    { id: S3, name: "Hosting" },
  ],
  links: {
    serviceCapability: [{ serviceId: S1, capabilityId: C1, strength: 1 }],
    capabilityGoal: [{ capabilityId: C1, goalId: G2, weight: 100 }],
    serviceDependency: [
      { serviceId: S1, dependsOnServiceId: S2 },
      { serviceId: S2, dependsOnServiceId: S3 },
    ],
  },
});
const check = (w: WorkspaceInput) => checkWorkspaceIntegrity(workspace.parse(w));

describe("checkWorkspaceIntegrity", () => {
  it("accepts a consistent workspace", () => {
    expect(check(base())).toEqual([]);
  });

  it("names an unknown reference by its path", () => {
    const w = base();
    w.links!.capabilityGoal![0]!.goalId = MISSING;
    expect(check(w)).toEqual([
      { path: "links.capabilityGoal.0.goalId", message: `no goal with id ${MISSING} in this workspace` },
    ]);
  });

  it("finds duplicate ids and case-insensitive duplicate names", () => {
    const w = base();
    w.services!.push({ id: S1, name: "web shop" });
    const paths = check(w).map((i) => i.path);
    expect(paths).toContain("services.3.id");
    expect(paths).toContain("services.3.name");
  });

  it("keeps the goal cascade in order", () => {
    const w = base();
    w.goals![1]!.level = "objective";
    w.goals!.push({ id: "20000000-0000-4000-8000-000000000003", name: "Orphan", level: "goal" });
    expect(check(w)).toEqual([
      { path: "goals.1.parentId", message: "the parent of a objective must be a goal" },
      { path: "goals.2.parentId", message: "a goal needs a parent strategic" },
    ]);
  });

  it("refuses a dependency cycle and names its members", () => {
    const w = base();
    w.links!.serviceDependency!.push({ serviceId: S3, dependsOnServiceId: S1 });
    const issues = check(w);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("links.serviceDependency");
    expect(issues[0]?.message).toContain(`${S1} → ${S2} → ${S3} → ${S1}`);
  });

  it("refuses a business-unit tree with a cycle", () => {
    const w = base();
    w.businessUnits![0]!.parentId = U2;
    expect(check(w).map((i) => i.path)).toEqual(["businessUnits.0.parentId"]);
  });

  it("refuses one alias naming two services, and the same link twice", () => {
    const w = base();
    w.services![1]!.aliases = [{ kind: "ci", value: "SHOP" }];
    w.links!.serviceCapability!.push({ serviceId: S1, capabilityId: C1, strength: 0.5 });
    expect(check(w)).toEqual([
      { path: "services.1.aliases.0.value", message: "already an alias of services.0" },
      { path: "links.serviceCapability.1", message: "the same link as links.serviceCapability.0" },
    ]);
  });
});

describe("firstCycle", () => {
  it("is null for a DAG with shared descendants", () => {
    expect(
      firstCycle([
        ["a", "b"],
        ["a", "c"],
        ["b", "d"],
        ["c", "d"],
      ]),
    ).toBeNull();
  });
  it("finds a self-contained loop", () => {
    expect(
      firstCycle([
        ["x", "y"],
        ["y", "x"],
      ]),
    ).toEqual(["x", "y", "x"]);
  });
});
