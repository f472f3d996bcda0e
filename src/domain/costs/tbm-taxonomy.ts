/**
 * The Technology Business Management (TBM) taxonomy's cost pools and towers, built in so a model
 * starts from the common language (reference: itsm-and-alignment.md section 6). v5 adds cloud
 * services and splits staffing items; a model may add pools of its own.
 */
export type TbmTaxonomy = "tbm-v4" | "tbm-v5";

export interface NamedKey {
  key: string;
  name: string;
}

const v4Pools: NamedKey[] = [
  { key: "internal-labor", name: "Internal labor" },
  { key: "external-labor", name: "External labor" },
  { key: "outside-services", name: "Outside services" },
  { key: "hardware", name: "Hardware" },
  { key: "software", name: "Software" },
  { key: "facilities-power", name: "Facilities & power" },
  { key: "telecom", name: "Telecom" },
  { key: "other", name: "Other" },
];

const v5Pools: NamedKey[] = [
  { key: "staffing-internal", name: "Staffing: internal" },
  { key: "staffing-contractors", name: "Staffing: contractors" },
  { key: "staffing-other", name: "Staffing: other (travel, training)" },
  { key: "outside-services", name: "Outside services" },
  { key: "hardware", name: "Hardware" },
  { key: "software", name: "Software" },
  { key: "cloud-services", name: "Cloud services" },
  { key: "facilities-power", name: "Facilities & power" },
  { key: "telecom", name: "Telecom" },
  { key: "other", name: "Other" },
];

export const tbmPools = (taxonomy: TbmTaxonomy): NamedKey[] => (taxonomy === "tbm-v5" ? v5Pools : v4Pools);

export const tbmTowers: NamedKey[] = [
  { key: "data-center", name: "Data center" },
  { key: "compute", name: "Compute" },
  { key: "storage", name: "Storage" },
  { key: "network", name: "Network" },
  { key: "platform", name: "Platform" },
  { key: "output", name: "Output" },
  { key: "end-user", name: "End user" },
  { key: "application", name: "Application" },
  { key: "delivery", name: "Delivery" },
  { key: "security-compliance", name: "Security & compliance" },
  { key: "it-management", name: "IT management" },
];

const builtInNames = new Map<string, string>([
  ...[...v4Pools, ...v5Pools].map((p): [string, string] => [`pool:${p.key}`, p.name]),
  ...tbmTowers.map((t): [string, string] => [`tower:${t.key}`, t.name]),
]);

/** A pool's or tower's name: the TBM name, or its key in words for a custom one. */
export const costNodeName = (node: string): string => {
  const known = builtInNames.get(node);
  if (known) return known;
  const words = node.slice(node.indexOf(":") + 1).replaceAll("-", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};
