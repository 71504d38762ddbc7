/** Where command results go: stdout for results, stderr for errors; injectable for tests. */
export interface Output {
  print(line: string): void;
  json(value: unknown): void;
  error(line: string): void;
}

export const consoleOutput: Output = {
  print: (line) => process.stdout.write(`${line}\n`),
  json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};
