import { Link } from "react-router";
import { ReferenceName } from "./reference-name.js";

/** Where a referrer of each kind lives in the web app (labels from the server's repositories). */
const pathOfKind: Record<string, string> = {
  "child business unit": "business-units",
  person: "people",
  "owned goal": "goals",
  "child goal": "goals",
  "owned capability": "capabilities",
  "child capability": "capabilities",
  "sponsored initiative": "initiatives",
  "service supported": "services",
  "service owned": "services",
  "IT team led": "it-teams",
};

/** Link ends the server names by id only. */
const pathOfField: Record<string, string> = {
  serviceId: "services",
  dependsOnServiceId: "services",
  capabilityId: "capabilities",
  goalId: "goals",
  businessUnitId: "business-units",
  initiativeId: "initiatives",
};

const ReferrerItem = ({ item }: { item: Record<string, unknown> }) => {
  const kind = String(item.kind ?? "item");
  if (typeof item.id === "string" && typeof item.name === "string") {
    const path = pathOfKind[kind];
    return (
      <li>
        <span className="muted">{kind}:</span>{" "}
        {path ? <Link to={`/${path}/${item.id}`}>{item.name}</Link> : item.name}
      </li>
    );
  }
  const ends = Object.entries(item).filter(([field, v]) => pathOfField[field] && typeof v === "string");
  return (
    <li>
      <span className="muted">{kind}:</span>{" "}
      {ends.map(([field, v]) => (
        <ReferenceName key={field} path={pathOfField[field] ?? ""} id={String(v)} />
      ))}
    </li>
  );
};

/** What still refers to an item, as the server listed it with a refusal. */
export const ReferrerList = ({ items }: { items: unknown[] }) => (
  <div className="panel referrers" data-testid="referrers">
    <h3>Still referred to by</h3>
    <ul className="plain-list">
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the server's list has no stable key of its own.
        <ReferrerItem key={index} item={(item ?? {}) as Record<string, unknown>} />
      ))}
    </ul>
  </div>
);
