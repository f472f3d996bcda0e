/** The CLI's voice: results to stdout, progress and problems to stderr, so output can be piped. */
export interface CliOutput {
  result(text: string): void;
  info(text: string): void;
  error(text: string): void;
}

export const processOutput: CliOutput = {
  result: (text) => process.stdout.write(`${text}\n`),
  info: (text) => process.stderr.write(`${text}\n`),
  error: (text) => process.stderr.write(`error: ${text}\n`),
};
