import type { TicketRecord } from "./schemas/ticket.js";

/** The ticket fields a hand-made rule (`tandem map-value`) may match on. */
export const matchFields = [
  "configuration_item",
  "business_service",
  "component",
  "request_type",
  "category",
  "department",
] as const;
export type MatchField = (typeof matchFields)[number];
export type MatchKind = "service" | "business_unit";

/** Lower-cased value → target id, per field (or per alias kind). */
export type ValueIndex = Map<string, Map<string, string>>;

/** Everything matching needs, loaded once per import: aliases, rules, people and units are small. */
export interface MatchTables {
  /** Alias kind (ci, business_service, jira_component, jira_request_type) → value → service id. */
  serviceAliases: ValueIndex;
  /** Rule field → value → service id. */
  serviceRules: ValueIndex;
  /** Lower-cased e-mail → the person's business unit id. */
  personUnits: Map<string, string>;
  /** Lower-cased unit name and code → unit id. */
  unitNames: Map<string, string>;
  /** Rule field → value → unit id. */
  unitRules: ValueIndex;
}

export interface TicketMatch {
  serviceId: string | null;
  businessUnitId: string | null;
}

/** A ticket's values for each rule field; components may be several. */
export const valuesOf = (t: TicketRecord, field: MatchField): string[] => {
  const one = (v: string | null) => (v ? [v] : []);
  switch (field) {
    case "configuration_item":
      return one(t.configurationItem);
    case "business_service":
      return one(t.businessService);
    case "component":
      return t.components;
    case "request_type":
      return one(t.requestType);
    case "category":
      return one(t.category);
    case "department":
      return one(t.requesterDepartment);
  }
};

/** Which service alias kind names which ticket field. */
const aliasFields: [kind: string, field: MatchField][] = [
  ["ci", "configuration_item"],
  ["business_service", "business_service"],
  ["jira_component", "component"],
  ["jira_request_type", "request_type"],
];

const lookup = (index: ValueIndex, key: string, values: string[]): string | null => {
  const byValue = index.get(key);
  if (!byValue) return null;
  for (const v of values) {
    const hit = byValue.get(v.trim().toLowerCase());
    if (hit) return hit;
  }
  return null;
};

/** Rule fields in the order they are tried: the most specific first. */
const serviceRuleOrder: MatchField[] = [...matchFields];
const unitRuleOrder: MatchField[] = ["department", ...matchFields.filter((f) => f !== "department")];

/**
 * Service: the catalogue's aliases first (they are the service owner's own word), then the rules
 * mapped by hand. Business unit: the requester's person record first (an e-mail is exact), then
 * the department as the unit's name or code, then the rules.
 */
export const matchTicket = (t: TicketRecord, tables: MatchTables): TicketMatch => {
  let serviceId: string | null = null;
  for (const [kind, field] of aliasFields) {
    serviceId ??= lookup(tables.serviceAliases, kind, valuesOf(t, field));
  }
  for (const field of serviceRuleOrder) serviceId ??= lookup(tables.serviceRules, field, valuesOf(t, field));

  let businessUnitId: string | null = t.requester
    ? (tables.personUnits.get(t.requester.trim().toLowerCase()) ?? null)
    : null;
  if (!businessUnitId && t.requesterDepartment) {
    businessUnitId = tables.unitNames.get(t.requesterDepartment.trim().toLowerCase()) ?? null;
  }
  for (const field of unitRuleOrder) businessUnitId ??= lookup(tables.unitRules, field, valuesOf(t, field));
  return { serviceId, businessUnitId };
};

/** How an unmatched ticket is listed: by the first value it carries, in this order. */
const unmatchedServiceOrder: MatchField[] = [
  "configuration_item",
  "business_service",
  "component",
  "request_type",
  "category",
];

export interface UnmatchedValue {
  /** Null when the ticket carries no value at all to match on. */
  field: MatchField | null;
  value: string | null;
  tickets: number;
}

/** The value to map by hand to give an unmatched ticket a service (see SQL twin in ticket-repository). */
export const unmatchedServiceKey = (t: TicketRecord): { field: MatchField | null; value: string | null } => {
  for (const field of unmatchedServiceOrder) {
    const first = valuesOf(t, field)[0];
    if (first) return { field, value: first };
  }
  return { field: null, value: null };
};

/** The value to map by hand to give an unmatched ticket a business unit: its department. */
export const unmatchedUnitKey = (t: TicketRecord): { field: MatchField | null; value: string | null } =>
  t.requesterDepartment
    ? { field: "department", value: t.requesterDepartment }
    : { field: null, value: null };

/** Counts unmatched values as they stream past; memory grows with distinct values, not tickets. */
export class UnmatchedTally {
  private readonly counts = new Map<string, UnmatchedValue>();

  add(key: { field: MatchField | null; value: string | null }): void {
    const id = `${key.field}\u0000${key.value?.toLowerCase()}`;
    const found = this.counts.get(id);
    if (found) found.tickets += 1;
    else this.counts.set(id, { ...key, tickets: 1 });
  }

  /** Most tickets first: the values worth mapping. */
  list(): UnmatchedValue[] {
    return [...this.counts.values()].sort(
      (a, b) => b.tickets - a.tickets || String(a.value).localeCompare(String(b.value)),
    );
  }

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v.tickets;
    return n;
  }
}

/** "SAP ECC PRD: 1,204 tickets, no service". */
export const describeUnmatched = (u: UnmatchedValue, what: "service" | "business unit"): string =>
  `${u.value ?? "(no value)"}${u.field ? ` [${u.field}]` : ""}: ${u.tickets.toLocaleString("en")} ticket${u.tickets === 1 ? "" : "s"}, no ${what}`;
