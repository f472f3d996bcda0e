import type { FieldDescription } from "../entities/entity-description.js";
import { FormField } from "./form-field.js";
import { ReferenceSelect } from "./reference-select.js";

/** One field of an entity form: the control its kind calls for, labelled, with its error. */
export const EntityFieldInput = ({
  field,
  value,
  onChange,
  error,
  selfId,
}: {
  field: FieldDescription;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** The edited item's id, so that it is not offered as its own parent. */
  selfId?: string | undefined;
}) => {
  const name = field.name;
  const control = (() => {
    switch (field.kind) {
      case "textarea":
        return <textarea name={name} rows={4} value={value} onChange={(e) => onChange(e.target.value)} />;
      case "select":
        return (
          <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
            {(field.options ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        );
      case "date":
        return <input name={name} type="date" value={value} onChange={(e) => onChange(e.target.value)} />;
      case "reference":
        return (
          <ReferenceSelect
            name={name}
            path={field.reference ?? ""}
            value={value}
            onChange={onChange}
            excludeId={selfId}
          />
        );
      case "number":
      case "euros":
        return (
          <input
            name={name}
            inputMode="decimal"
            placeholder={field.hint ?? ""}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        );
      default:
        return <input name={name} value={value} onChange={(e) => onChange(e.target.value)} />;
    }
  })();
  return (
    <div className={field.kind === "textarea" ? "form-cell wide" : "form-cell"}>
      <FormField label={field.label} name={name} error={error}>
        {control}
      </FormField>
      {field.hint && field.kind !== "number" && field.kind !== "euros" ? (
        <p className="muted small field-hint">{field.hint}</p>
      ) : null}
    </div>
  );
};
