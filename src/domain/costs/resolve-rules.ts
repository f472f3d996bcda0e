import type { FieldIssue } from "../errors.js";
import type { CostModel } from "../schemas/cost-model.js";
import type { ResolvedRule } from "./allocate-costs.js";
import { tbmPools, tbmTowers } from "./tbm-taxonomy.js";

/** What the rules need to know of the graph and the month's tickets to size their drivers. */
export interface CostFacts {
  services: Map<string, { name: string; archived: boolean; users: number }>;
  units: Map<string, { name: string; headcount: number; archived: boolean }>;
  /** Per service: the units consuming it and their share (%). */
  consumption: Map<string, { unitId: string; share: number }[]>;
  ticketsByService: Map<string, number>;
  ticketsByUnit: Map<string, number>;
  /** Keyed `serviceId|unitId`. */
  ticketsByServiceUnit: Map<string, number>;
}

export const emptyCostFacts = (): CostFacts => ({
  services: new Map(),
  units: new Map(),
  consumption: new Map(),
  ticketsByService: new Map(),
  ticketsByUnit: new Map(),
  ticketsByServiceUnit: new Map(),
});

export interface ResolvedModel {
  rules: ResolvedRule[];
  issues: FieldIssue[];
  warnings: string[];
  poolKeys: Set<string>;
  /** A person's name for every node the model or graph knows. */
  names: Map<string, string>;
}

const idOf = (node: string) => node.slice(node.indexOf(":") + 1);
const kindOf = (node: string) => node.slice(0, node.indexOf(":"));

/** The rule that spreads a service over its consumers when the model says nothing of it. */
export const CONSUMPTION_RULE = "graph-consumption";

/**
 * Checks a month's model against the graph and sizes every driver: unknown or archived targets,
 * negative drivers and percentages over 100 % are errors naming the rule and field; a step that
 * leaves money unallocated (under 100 %, a driver summing to zero, a service nobody consumes) is a
 * warning, and the money shows as unallocated. A live service with no rule of its own is spread
 * over its consumers by their consumption shares from the graph.
 */
export const resolveRules = (model: CostModel, facts: CostFacts): ResolvedModel => {
  const issues: FieldIssue[] = [];
  const warnings: string[] = [];
  const names = new Map<string, string>();
  const pools = [...tbmPools(model.taxonomy), ...model.customPools];
  const towers = model.towers.length > 0 ? model.towers : tbmTowers;
  for (const p of pools) names.set(`pool:${p.key}`, p.name);
  for (const t of towers) names.set(`tower:${t.key}`, t.name);
  for (const [id, s] of facts.services) names.set(`service:${id}`, s.name);
  for (const [id, u] of facts.units) names.set(`unit:${id}`, u.name);
  const poolKeys = new Set(pools.map((p) => p.key));
  const towerKeys = new Set(towers.map((t) => t.key));

  const quantities = new Map<string, number>();
  for (const q of model.quantities)
    quantities.set(`${q.name}|${q.node}`, (quantities.get(`${q.name}|${q.node}`) ?? 0) + q.value);

  const checkNode = (node: string, path: string, ruleId: string): boolean => {
    const id = idOf(node);
    switch (kindOf(node)) {
      case "pool":
        if (poolKeys.has(id)) return true;
        issues.push({ path, message: `rule ${ruleId}: unknown cost pool "${id}"` });
        return false;
      case "tower":
        if (towerKeys.has(id)) return true;
        issues.push({ path, message: `rule ${ruleId}: unknown tower "${id}"` });
        return false;
      case "service": {
        const s = facts.services.get(id);
        if (!s) issues.push({ path, message: `rule ${ruleId}: unknown service ${id}` });
        else if (s.archived)
          issues.push({ path, message: `rule ${ruleId}: service "${s.name}" is archived` });
        return Boolean(s && !s.archived);
      }
      default: {
        const u = facts.units.get(id);
        if (!u) issues.push({ path, message: `rule ${ruleId}: unknown business unit ${id}` });
        else if (u.archived)
          issues.push({ path, message: `rule ${ruleId}: business unit "${u.name}" is archived` });
        return Boolean(u && !u.archived);
      }
    }
  };

  const driverValue = (driver: string, source: string, target: string): number => {
    const targetId = idOf(target);
    if (driver === "headcount")
      return kindOf(target) === "unit" ? (facts.units.get(targetId)?.headcount ?? 0) : 0;
    if (driver === "users") {
      if (kindOf(target) === "unit") return facts.units.get(targetId)?.headcount ?? 0;
      return kindOf(target) === "service" ? (facts.services.get(targetId)?.users ?? 0) : 0;
    }
    if (driver === "tickets") {
      if (kindOf(target) === "service") return facts.ticketsByService.get(targetId) ?? 0;
      if (kindOf(target) === "unit") {
        return kindOf(source) === "service"
          ? (facts.ticketsByServiceUnit.get(`${idOf(source)}|${targetId}`) ?? 0)
          : (facts.ticketsByUnit.get(targetId) ?? 0);
      }
      return 0;
    }
    return quantities.get(`${driver.slice("quantity:".length)}|${target}`) ?? 0;
  };

  const consumers = (serviceId: string) =>
    (facts.consumption.get(serviceId) ?? []).filter((c) => facts.units.get(c.unitId)?.archived === false);

  const rules: ResolvedRule[] = [];
  const seen = new Set<string>();
  const sources = new Set<string>();
  model.rules.forEach((rule, i) => {
    const at = `rules.${i}`;
    if (seen.has(rule.id)) issues.push({ path: `${at}.id`, message: `rule id ${rule.id} is used twice` });
    seen.add(rule.id);
    if (sources.has(rule.source)) {
      issues.push({
        path: `${at}.source`,
        message: `rule ${rule.id}: another rule already allocates ${rule.source}`,
      });
    }
    sources.add(rule.source);
    if (kindOf(rule.source) === "unit") {
      issues.push({
        path: `${at}.source`,
        message: `rule ${rule.id}: a business unit consumes costs; it cannot allocate them`,
      });
      return;
    }
    let ok = checkNode(rule.source, `${at}.source`, rule.id);
    rule.targets.forEach((t, j) => {
      if (kindOf(t.node) === "pool") {
        issues.push({
          path: `${at}.targets.${j}.node`,
          message: `rule ${rule.id}: money flows out of pools, not into them`,
        });
        ok = false;
      } else ok = checkNode(t.node, `${at}.targets.${j}.node`, rule.id) && ok;
    });
    if (!ok) return;
    switch (rule.method) {
      case "direct":
        if (rule.targets.length !== 1) {
          issues.push({
            path: `${at}.targets`,
            message: `rule ${rule.id}: direct assignment needs exactly one target`,
          });
          return;
        }
        rules.push({
          id: rule.id,
          source: rule.source,
          basis: "direct",
          targets: [{ node: rule.targets[0]?.node as string, weight: 1 }],
          percent: false,
        });
        return;
      case "percent": {
        const missing = rule.targets.findIndex((t) => t.percent === undefined);
        if (missing >= 0 || rule.targets.length === 0) {
          issues.push({
            path: missing >= 0 ? `${at}.targets.${missing}.percent` : `${at}.targets`,
            message: `rule ${rule.id}: fixed percentages need a percent on every target`,
          });
          return;
        }
        const sum = rule.targets.reduce((s, t) => s + (t.percent ?? 0), 0);
        if (sum > 100.000001) {
          issues.push({
            path: `${at}.targets`,
            message: `rule ${rule.id}: the percentages add up to ${round2(sum)} %, over 100 %`,
          });
          return;
        }
        if (sum === 0) {
          issues.push({ path: `${at}.targets`, message: `rule ${rule.id}: the percentages add up to 0 %` });
          return;
        }
        if (sum < 99.999999)
          warnings.push(
            `rule ${rule.id} allocates ${round2(sum)} % of ${names.get(rule.source) ?? rule.source}; the rest stays unallocated`,
          );
        rules.push({
          id: rule.id,
          source: rule.source,
          basis: "fixed %",
          targets: rule.targets.map((t) => ({ node: t.node, weight: t.percent ?? 0 })),
          percent: true,
        });
        return;
      }
      case "driver": {
        if (!rule.driver) {
          issues.push({ path: `${at}.driver`, message: `rule ${rule.id}: a driver rule needs a driver` });
          return;
        }
        const driver = rule.driver;
        let targets = rule.targets.map((t) => t.node);
        if (targets.length === 0) {
          if (kindOf(rule.source) !== "service") {
            issues.push({
              path: `${at}.targets`,
              message: `rule ${rule.id}: name the targets (only a service's rule may default to its consumers)`,
            });
            return;
          }
          targets = consumers(idOf(rule.source)).map((c) => `unit:${c.unitId}`);
        }
        const sized = targets.map((node) => ({ node, weight: driverValue(driver, rule.source, node) }));
        const negative = sized.findIndex((t) => t.weight < 0);
        if (negative >= 0) {
          issues.push({
            path: `${at}.targets.${negative}`,
            message: `rule ${rule.id}: driver ${driver} is negative (${sized[negative]?.weight}) for ${names.get(sized[negative]?.node ?? "") ?? sized[negative]?.node}`,
          });
          return;
        }
        if (sized.every((t) => t.weight === 0)) {
          warnings.push(
            `rule ${rule.id}: driver ${driver} is zero for every target; ${names.get(rule.source) ?? rule.source} stays unallocated`,
          );
        }
        rules.push({
          id: rule.id,
          source: rule.source,
          basis: `driver: ${driver}`,
          targets: sized,
          percent: false,
        });
        return;
      }
      case "consumption": {
        if (kindOf(rule.source) !== "service") {
          issues.push({
            path: `${at}.method`,
            message: `rule ${rule.id}: consumption shares exist only for services`,
          });
          return;
        }
        rules.push(consumptionRule(rule.id, rule.source, consumers(idOf(rule.source)), names, warnings));
        return;
      }
    }
  });
  for (const [id, s] of facts.services) {
    const node = `service:${id}`;
    if (s.archived || sources.has(node)) continue;
    rules.push(consumptionRule(CONSUMPTION_RULE, node, consumers(id), names, null));
  }
  return { rules, issues, warnings, poolKeys, names };
};

const consumptionRule = (
  id: string,
  source: string,
  consumers: { unitId: string; share: number }[],
  names: Map<string, string>,
  warnings: string[] | null,
): ResolvedRule => {
  if (consumers.length === 0)
    warnings?.push(`rule ${id}: nobody consumes ${names.get(source) ?? source}; its cost stays unallocated`);
  const sum = consumers.reduce((s, c) => s + c.share, 0);
  // Shares that add up to less than 100 % still spread the whole cost over the consumers named.
  return {
    id,
    source,
    basis: "consumption share",
    targets: consumers.map((c) => ({ node: `unit:${c.unitId}`, weight: sum > 0 ? c.share : 0 })),
    percent: false,
  };
};

const round2 = (n: number) => Math.round(n * 100) / 100;
