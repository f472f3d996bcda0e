import { type ParseError, printParseErrorCode, visit } from "jsonc-parser";
import { TandemError } from "../domain/errors.js";

/** Line and column (1-based) of a character offset, for error messages about files. */
export const lineAndColumn = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return { line, column };
};

/**
 * Parses a JSON document; a syntax error names the file, line and column. V8's own messages do
 * not always carry a position, so the strict scan of jsonc-parser locates the first error.
 */
export const parseJsonDocument = (text: string, source: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    const errors: ParseError[] = [];
    visit(
      text,
      { onError: (code, offset) => errors.push({ error: code, offset, length: 0 }) },
      {
        disallowComments: true,
        allowTrailingComma: false,
        allowEmptyContent: false,
      },
    );
    const first = errors[0];
    const where = lineAndColumn(text, first?.offset ?? text.length);
    const reason = first
      ? printParseErrorCode(first.error)
      : error instanceof Error
        ? error.message
        : String(error);
    throw new TandemError(
      "validation",
      `${source} is not valid JSON: ${reason} at line ${where.line}, column ${where.column}`,
      {
        issues: [{ path: `line ${where.line}, column ${where.column}`, message: reason }],
        cause: error,
      },
    );
  }
};
