import type { EntityDescription, FieldDescription } from "../entities/entity-description.js";
import { formatCount, formatEuros } from "./euros.js";
import { ReferenceName } from "./reference-name.js";

const FactValue = ({ field, value }: { field: FieldDescription; value: unknown }) => {
  const none = <span className="muted">—</span>;
  if (value === null || value === undefined || value === "") return none;
  switch (field.kind) {
    case "reference":
      return <ReferenceName path={field.reference ?? ""} id={String(value)} />;
    case "euros":
      return <>{typeof value === "number" ? formatEuros(value) : String(value)}</>;
    case "number":
      return <>{typeof value === "number" ? formatCount(value) : String(value)}</>;
    case "select":
      return <>{field.options?.find((o) => o.value === String(value))?.label ?? String(value)}</>;
    case "list":
      return Array.isArray(value) && value.length > 0 ? value.join(", ") : none;
    case "textarea":
      return <span className="description">{String(value)}</span>;
    default:
      return <>{String(value)}</>;
  }
};

/** An item's fields in business words, as its description labels them. */
export const EntityFacts = ({
  entity,
  item,
}: {
  entity: EntityDescription;
  item: Record<string, unknown>;
}) => (
  <dl className="facts" data-testid="entity-facts">
    {entity.fields
      .filter((f) => !f.formOnly)
      .map((f) => (
        <div key={f.name} className="fact" data-fact={f.name}>
          <dt>{f.label}</dt>
          <dd>
            <FactValue field={f} value={item[f.name]} />
          </dd>
        </div>
      ))}
  </dl>
);
