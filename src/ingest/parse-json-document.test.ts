import { describe, expect, it } from "vitest";
import { lineAndColumn, parseJsonDocument } from "./parse-json-document.js";

describe("parseJsonDocument", () => {
  it("names line and column of a syntax error", () => {
    // The stray "x" is on line 3, column 12 ("  \"name\": " is 10 characters, then a space).
    const text = '{\n  "a": 1,\n  "name":  x\n}';
    expect(() => parseJsonDocument(text, "ws.json")).toThrowError(/ws.json is not valid JSON/);
    try {
      parseJsonDocument(text, "ws.json");
    } catch (error) {
      expect((error as { issues: unknown[] }).issues).toEqual([
        { path: "line 3, column 12", message: expect.any(String) },
      ]);
    }
  });

  it("reads valid JSON", () => {
    expect(parseJsonDocument('{"a":[1,2]}', "x")).toEqual({ a: [1, 2] });
  });

  it("counts lines and columns from 1", () => {
    expect(lineAndColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});
