import { useState } from "react";
import { Link } from "react-router";
import { type LinkValue, linkNumberOf } from "./link-value.js";

/** One link in the editor: the other end, its number (changeable by writers) and Remove. */
export const LinkRow = ({
  name,
  to,
  value,
  stored,
  canWrite,
  busy,
  onChange,
  onRemove,
}: {
  name: string;
  to: string;
  value: LinkValue | null;
  stored: number | undefined;
  canWrite: boolean;
  busy: boolean;
  onChange: (value: number | string) => void;
  onRemove: () => void;
}) => {
  const [text, setText] = useState(stored === undefined ? "" : String(stored));
  const changed = value !== null && text.trim() !== String(stored);
  return (
    <tr>
      <td>
        <Link to={to}>{name}</Link>
      </td>
      {value ? (
        <td className="numeric">
          {canWrite ? (
            <input
              className="link-number"
              aria-label={`${value.label} for ${name}`}
              inputMode="decimal"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          ) : (
            `${stored}${value.unit === "%" ? " %" : ""}`
          )}
        </td>
      ) : null}
      {canWrite ? (
        <td className="link-buttons">
          {changed ? (
            <button type="button" disabled={busy} onClick={() => onChange(linkNumberOf(text))}>
              Change
            </button>
          ) : null}
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={onRemove}
            aria-label={`Remove ${name}`}
          >
            Remove
          </button>
        </td>
      ) : null}
    </tr>
  );
};
