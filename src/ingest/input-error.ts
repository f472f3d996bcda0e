import { TandemError } from "../domain/errors.js";

/** A problem with the whole input file (thrown, not yielded): names the file and, when known, where. */
export const inputError = (file: string, message: string, line?: number, column?: number): TandemError => {
  const where =
    line === undefined ? undefined : column === undefined ? `line ${line}` : `line ${line}, column ${column}`;
  const text = where ? `${file}: ${message} (${where})` : `${file}: ${message}`;
  return new TandemError("validation", text, { issues: [{ path: where ?? file, message }] });
};
