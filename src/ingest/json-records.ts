import { type JSONPath, visit } from "jsonc-parser";
import { decodedText } from "./decoded-text.js";
import { parseJsonDocument } from "./parse-json-document.js";

/** A JSON object found in an export, with the 1-based line where it starts. */
export interface JsonRecord {
  line: number;
  value: unknown;
  path: JSONPath;
}

/**
 * The objects of a JSON export at the paths `wanted` accepts (e.g. `records.3`), with their lines.
 * The document is read whole (exports of a few hundred MB fit); jsonc-parser's scan supplies the
 * line of each object, which JSON.parse does not.
 */
export const jsonRecords = async (
  file: string,
  wanted: (path: JSONPath) => boolean,
): Promise<{ document: unknown; records: JsonRecord[] }> => {
  const text = await decodedText(file);
  const document = parseJsonDocument(text, file);
  const lines: { path: JSONPath; line: number }[] = [];
  visit(text, {
    onObjectBegin: (_offset, _length, startLine, _startCharacter, pathSupplier) => {
      const path = pathSupplier();
      if (!wanted(path)) return true;
      lines.push({ path, line: startLine + 1 });
      // A record's own nested objects are never records: skip scanning them.
      return false;
    },
    // jsonc-parser only tracks the end of a skipped object when these callbacks exist.
    onObjectEnd: () => undefined,
    onArrayBegin: () => true,
    onArrayEnd: () => undefined,
  });
  const records = lines.map(({ path, line }) => {
    let value: unknown = document;
    for (const key of path) value = (value as Record<string | number, unknown> | undefined)?.[key];
    return { line, value, path };
  });
  return { document, records };
};
