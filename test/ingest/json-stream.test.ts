import fc from "fast-check";
import { visit } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { type JsonPath, type JsonRecord, jsonRecordStream } from "../../src/ingest/json-stream.js";

/** The text in pieces cut at the given points (a chunk boundary may fall anywhere, even inside an escape). */
const chunked = async function* (text: string, cuts: number[]): AsyncGenerator<string> {
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)) {
    if (cut > from) yield text.slice(from, cut);
    from = Math.max(from, cut);
  }
  if (from < text.length) yield text.slice(from);
};

const isRecord = (path: JsonPath) =>
  path.length === 2 && path[0] === "records" && typeof path[1] === "number";

const readAll = async (text: string, cuts: number[] = []) => {
  const { records, outline } = jsonRecordStream(chunked(text, cuts), "x.json", isRecord);
  const out: JsonRecord[] = [];
  for await (const record of records) out.push(record);
  return { records: out, outline };
};

/** The independent route: JSON.parse for the values, jsonc-parser's scan for the lines. */
const expected = (text: string) => {
  const document = JSON.parse(text) as { records?: unknown };
  const lines: number[] = [];
  visit(text, {
    onObjectBegin: (_o, _l, startLine, _c, pathSupplier) => {
      if (isRecord(pathSupplier())) {
        lines.push(startLine + 1);
        return false;
      }
      return true;
    },
    onObjectEnd: () => undefined,
    onArrayBegin: () => true,
    onArrayEnd: () => undefined,
  });
  const all = Array.isArray(document.records) ? (document.records as unknown[]) : [];
  const objects = all
    .map((value, index) => ({ value, path: ["records", index] }))
    .filter(({ value }) => value !== null && typeof value === "object" && !Array.isArray(value));
  return objects.map((o, i) => ({ ...o, line: lines[i] }));
};

const rejects = async (text: string, cuts: number[] = []) => {
  try {
    await readAll(text, cuts);
    return false;
  } catch (error) {
    expect((error as { code?: string }).code).toBe("validation");
    return true;
  }
};

describe("jsonRecordStream", () => {
  it("yields the records JSON.parse finds, with their lines, however the text is cut", async () => {
    const document = fc.record({
      records: fc.array(fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()), {
        maxLength: 6,
      }),
      other: fc.jsonValue(),
    });
    await fc.assert(
      fc.asyncProperty(
        document,
        fc.constantFrom(undefined, 2, "\t"),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (doc, indent, cuts) => {
          const text = JSON.stringify(doc, null, indent);
          const { records } = await readAll(text, cuts);
          expect(records).toEqual(expected(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("accepts exactly the texts JSON.parse accepts (valid JSON with one character changed)", async () => {
    const broken = fc
      .tuple(
        fc.jsonValue(),
        fc.nat(),
        fc.constantFrom("delete", "insert", "replace"),
        fc.constantFrom(...'{}[]:,"\\ 0-1eE.tnx\u0001\n'),
      )
      .map(([value, at, edit, c]) => {
        const text = JSON.stringify({ records: [value] });
        const i = at % (text.length + 1);
        if (edit === "delete") return text.slice(0, i) + text.slice(i + 1);
        if (edit === "insert") return text.slice(0, i) + c + text.slice(i);
        return text.slice(0, i) + c + text.slice(i + 1);
      });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(broken, fc.string()),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (text, cuts) => {
          let parses = true;
          try {
            JSON.parse(text);
          } catch {
            parses = false;
          }
          expect(await rejects(text, cuts)).toBe(!parses);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("names line and column of a syntax error", async () => {
    await expect(readAll('{ "records": [\n  { "a": 1 },\n  { "a": tru }\n] }')).rejects.toThrowError(
      /x.json is not valid JSON: "tru" is not a JSON value at line 3, column 10/,
    );
    await expect(readAll('{ "records": [\n  { "a": 1 ')).rejects.toThrowError(
      /unexpected end of the file.*line 2/,
    );
  });

  it("outlines the document around the records", async () => {
    const { outline } = await readAll('[{ "issues": [] }, { "issues": [{ "records": [] }] }, 3]');
    expect(outline).toEqual({ root: "array", rootItems: 3, arrays: new Set(["0.issues", "1.issues"]) });
  });

  it("holds only the record being read: a record is yielded before the rest of the file arrives", async () => {
    let sent = 0;
    const slow = async function* () {
      yield '{ "records": [ { "a": 1 }, ';
      sent = 1;
      yield '{ "a": 2 } ] }';
      sent = 2;
    };
    const { records } = jsonRecordStream(slow(), "x.json", isRecord);
    const first = await records.next();
    expect(first.value).toEqual({ line: 1, value: { a: 1 }, path: ["records", 0] });
    expect(sent).toBe(0);
  });
});
