import { cloneElement, type ReactElement, useId } from "react";

/** A labelled form control with the server's message for that field under it. */
export const FormField = ({
  label,
  name,
  error,
  children,
}: {
  label: string;
  /** The field's path in the API's problem details, e.g. "availabilityTarget". */
  name: string;
  error?: string | undefined;
  children: ReactElement<{ id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string }>;
}) => {
  const id = useId();
  return (
    <div className={error ? "field field-invalid" : "field"} data-field={name}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {cloneElement(children, {
        id,
        ...(error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {}),
      })}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
};
