import { type FormEvent, useState } from "react";
import { FormField } from "./form-field.js";
import { type LinkValue, linkNumberOf } from "./link-value.js";

/** Adds a link: the other end from a list, and the number it carries. */
export const LinkAddForm = ({
  label,
  endLabel,
  choices,
  value,
  busy,
  errors,
  endField,
  onAdd,
}: {
  /** e.g. "Add a goal". */
  label: string;
  /** The other end's label, e.g. "Goal". */
  endLabel: string;
  choices: { id: string; name: string }[];
  value: LinkValue | null;
  busy: boolean;
  /** The server's field messages, by path. */
  errors: Record<string, string>;
  endField: string;
  onAdd: (otherId: string, value: number | string | null) => Promise<boolean>;
}) => {
  const [other, setOther] = useState("");
  const [text, setText] = useState(value?.initial ?? "");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onAdd(other, value ? linkNumberOf(text) : null)) {
      setOther("");
      setText(value?.initial ?? "");
    }
  };
  return (
    <form className="inline-form link-add" onSubmit={submit} noValidate aria-label={label}>
      <FormField label={endLabel} name={endField} error={errors[endField]}>
        <select value={other} onChange={(e) => setOther(e.target.value)}>
          <option value="">— choose —</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </FormField>
      {value ? (
        <FormField
          label={`${value.label}${value.unit ? ` (${value.unit})` : ""}`}
          name={value.field}
          error={errors[value.field]}
        >
          <input
            className="link-number"
            inputMode="decimal"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </FormField>
      ) : null}
      <button type="submit" disabled={busy || other === ""}>
        Add
      </button>
    </form>
  );
};
