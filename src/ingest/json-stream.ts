import { TandemError } from "../domain/errors.js";

export type JsonPath = (string | number)[];

/** A JSON object found in an export, with the 1-based line where it starts. */
export interface JsonRecord {
  line: number;
  value: unknown;
  path: JsonPath;
}

/** What the stream saw of the document around the records, for the readers' shape checks. */
export interface JsonOutline {
  /** The kind of the top-level value, once its first character was read. */
  root: "object" | "array" | "scalar" | undefined;
  /** How many items the top-level array has (when it is one). */
  rootItems: number;
  /** The paths (joined with ".") of the arrays at depth 1 and 2, e.g. "records" or "0.issues". */
  arrays: Set<string>;
}

interface Frame {
  kind: "object" | "array";
  /** The key (object) or index (array) of the value being read in this container. */
  at: string | number;
  /** Object: expecting a key (after "{" or ","), a colon, a value, or "," / "}". */
  expect: "key" | "colon" | "value" | "next";
  /** Whether the container has no item yet ("]" or "}" may close it right away). */
  empty: boolean;
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t", "u"]);
const HEX = /^[0-9a-fA-F]$/;

/**
 * The objects of a JSON document at the paths `wanted` accepts (e.g. `records.3`), read from its
 * text chunk by chunk, so that an export of any size is read in bounded memory: only the record
 * being read is held, then parsed with JSON.parse. The whole document is checked as JSON on the
 * way (a syntax error names line and column, as parseJsonDocument does); what lies outside the
 * records is only summarised in `outline`, for the reader's check of the document's shape.
 * Only objects are records (as before: a string inside `records` is not one).
 */
export const jsonRecordStream = (
  chunks: AsyncIterable<string>,
  source: string,
  wanted: (path: JsonPath) => boolean,
): { records: AsyncGenerator<JsonRecord>; outline: JsonOutline } => {
  const outline: JsonOutline = { root: undefined, rootItems: 0, arrays: new Set() };
  const records = async function* (): AsyncGenerator<JsonRecord> {
    const stack: Frame[] = [];
    let done = false; // the top-level value is complete
    let line = 1;
    let lineStart = 0; // offset of the current line's first character
    let offset = 0; // of the character being read, in the whole text
    // The string or scalar being read.
    let inString = false;
    let escaping = 0; // 0: none; 1: after "\"; 2-5: reading the four hex digits of \u
    let stringIsKey = false;
    let key = "";
    let scalar = "";
    let scalarStart = { line: 1, column: 1 };
    // The record being captured: its text so far and the depth at which it closes.
    let capture: string[] | null = null;
    let captureFrom = 0; // offset in the current chunk where the capture's text starts
    let captureDepth = 0;
    let captureLine = 0;
    let capturePath: JsonPath = [];
    let pending: JsonRecord | null = null;

    const fail = (reason: string, at = { line, column: offset - lineStart + 1 }): never => {
      const where = `line ${at.line}, column ${at.column}`;
      throw new TandemError("validation", `${source} is not valid JSON: ${reason} at ${where}`, {
        issues: [{ path: where, message: reason }],
      });
    };
    const path = (): JsonPath => stack.map((f) => f.at);

    /** A value (of any kind) is complete: the container moves on. */
    const valueDone = () => {
      const top = stack.at(-1);
      if (top) top.expect = "next";
      else done = true;
    };
    /** A value starts here; where it may. */
    const valueStarts = (c: string) => {
      const top = stack.at(-1);
      if (done) fail(`unexpected "${c}" after the end of the document`);
      if (top && top.expect !== "value") {
        fail(
          top.expect === "key"
            ? `expected a property name, found "${c}"`
            : `expected "," or "${top.kind === "object" ? "}" : "]"}", found "${c}"`,
        );
      }
      if (top) top.empty = false;
      if (!top) outline.root = c === "{" ? "object" : c === "[" ? "array" : "scalar";
      if (stack.length === 1 && top?.kind === "array") outline.rootItems += 1;
    };
    const endScalar = () => {
      if (scalar === "") return;
      if (!(scalar === "true" || scalar === "false" || scalar === "null" || NUMBER.test(scalar))) {
        fail(`"${scalar}" is not a JSON value`, scalarStart);
      }
      scalar = "";
      valueDone();
    };

    for await (const chunk of chunks) {
      captureFrom = 0;
      for (let i = 0; i < chunk.length; i++, offset++) {
        const c = chunk[i] as string;
        if (inString) {
          if (escaping === 1) {
            if (!ESCAPES.has(c)) fail(`invalid escape "\\${c}" in a string`);
            escaping = c === "u" ? 2 : 0;
          } else if (escaping > 1) {
            if (!HEX.test(c)) fail(`invalid escape: "${c}" is not a hex digit`);
            escaping = escaping === 5 ? 0 : escaping + 1;
          } else if (c === "\\") escaping = 1;
          else if (c === '"') {
            inString = false;
            if (stringIsKey) {
              key += '"';
              const top = stack.at(-1) as Frame;
              top.at = JSON.parse(key) as string;
              top.expect = "colon";
            } else valueDone();
            continue;
          } else if (c < " ") {
            fail("a control character inside a string (escape it)");
          }
          if (stringIsKey) key += c;
          continue;
        }
        if (scalar !== "") {
          if (/[0-9a-zA-Z.+-]/.test(c)) {
            scalar += c;
            continue;
          }
          endScalar();
        }
        if (WHITESPACE.has(c)) {
          if (c === "\n") {
            line += 1;
            lineStart = offset + 1;
          }
          continue;
        }
        const top = stack.at(-1);
        switch (c) {
          case "{":
          case "[": {
            valueStarts(c);
            const here = [...path()];
            if (capture === null && c === "{" && here.length > 0 && wanted(here)) {
              capture = [];
              captureFrom = i;
              captureDepth = stack.length;
              captureLine = line;
              capturePath = here;
            }
            if (c === "[" && here.length >= 1 && here.length <= 2 && capture === null) {
              outline.arrays.add(here.join("."));
            }
            stack.push({
              kind: c === "{" ? "object" : "array",
              at: c === "{" ? "" : 0,
              expect: c === "{" ? "key" : "value",
              empty: true,
            });
            break;
          }
          case "}":
          case "]": {
            const kind = c === "}" ? "object" : "array";
            if (!top || top.kind !== kind) fail(`unexpected "${c}"`);
            const frame = top as Frame;
            const closable =
              frame.expect === "next" ||
              (frame.empty && (frame.expect === "key" || frame.expect === "value"));
            if (!closable)
              fail(frame.expect === "value" ? `expected a value, found "${c}"` : `unexpected "${c}"`);
            stack.pop();
            valueDone();
            if (capture !== null && stack.length === captureDepth) {
              capture.push(chunk.slice(captureFrom, i + 1));
              pending = { line: captureLine, value: JSON.parse(capture.join("")), path: capturePath };
              capture = null;
            }
            break;
          }
          case ",": {
            if (top?.expect !== "next") fail('unexpected ","');
            const frame = top as Frame;
            if (frame.kind === "array") {
              frame.at = (frame.at as number) + 1;
              frame.expect = "value";
            } else frame.expect = "key";
            break;
          }
          case ":": {
            if (top?.expect !== "colon") fail('unexpected ":"');
            (top as Frame).expect = "value";
            break;
          }
          case '"': {
            if (top?.kind === "object" && top.expect === "key") {
              top.empty = false;
              stringIsKey = true;
              key = '"';
            } else {
              valueStarts(c);
              stringIsKey = false;
            }
            inString = true;
            break;
          }
          default: {
            if (!/[0-9a-z-]/.test(c)) fail(`unexpected "${c}"`);
            valueStarts(c);
            scalar = c;
            scalarStart = { line, column: offset - lineStart + 1 };
          }
        }
        if (pending) {
          yield pending;
          pending = null;
        }
      }
      if (capture !== null) capture.push(chunk.slice(captureFrom));
    }
    if (scalar !== "") endScalar();
    if (inString) fail("unterminated string");
    if (stack.length > 0)
      fail(
        `unexpected end of the file: ${stack.length} unclosed ${stack.length === 1 ? "container" : "containers"}`,
      );
    if (!done) fail("the file holds no JSON value");
  };
  return { records: records(), outline };
};
