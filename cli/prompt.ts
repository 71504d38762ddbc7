/** Asks a question on the terminal; with `hidden`, typed characters are not echoed (passwords). */
import readline from 'node:readline/promises';

export async function ask(question: string, hidden = false): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (hidden && process.stdin.isTTY) {
    // readline echoes through _writeToOutput; let only the prompt itself through.
    const internals = rl as unknown as { _writeToOutput(s: string): void };
    internals._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stdout.write(question);
    };
  }
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
    if (hidden && process.stdin.isTTY) process.stdout.write('\n');
  }
}
