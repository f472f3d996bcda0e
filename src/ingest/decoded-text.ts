import { createReadStream } from "node:fs";
import iconv from "iconv-lite";
import { inputError } from "./input-error.js";

export const textEncodings = ["utf-8", "latin1", "windows-1252"] as const;
export type TextEncoding = (typeof textEncodings)[number];

const countNewlines = (text: string): number => {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
};

/**
 * The file's text, chunk by chunk, so that memory stays flat. UTF-8 is checked strictly (a
 * mis-declared Latin-1 export would otherwise import with mangled names) and its BOM stripped;
 * other encodings are decoded as declared.
 */
export async function* decodedChunks(file: string, encoding: TextEncoding = "utf-8"): AsyncGenerator<string> {
  const stream = createReadStream(file);
  if (encoding !== "utf-8") {
    const decoder = iconv.getDecoder(encoding);
    for await (const chunk of stream) {
      const text = decoder.write(chunk as Buffer);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  // ignoreBOM: false makes the decoder drop a leading BOM.
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let lines = 0;
  for await (const chunk of stream) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      const lenient = new TextDecoder("utf-8").decode(chunk as Buffer);
      const bad = lenient.indexOf("\uFFFD");
      const line = lines + countNewlines(lenient.slice(0, Math.max(bad, 0))) + 1;
      throw inputError(
        file,
        "is not valid UTF-8; save it as UTF-8, or import it with the csv format and a mapping that declares its encoding (e.g. encoding: latin1)",
        line,
      );
    }
    lines += countNewlines(text);
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw inputError(file, "is not valid UTF-8 (truncated character at the end)", lines + 1);
  }
}

/** The whole text, for inputs that are read at once (JSON exports, mapping files). */
export const decodedText = async (file: string, encoding: TextEncoding = "utf-8"): Promise<string> => {
  let text = "";
  for await (const chunk of decodedChunks(file, encoding)) text += chunk;
  return text;
};
