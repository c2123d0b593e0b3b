/** Where a command's document goes: standard output, or the file `-o` names. */
import { writeFileSync } from 'node:fs';
import { UsageError } from './files';

export function writeOutput(output: string, out: string | undefined, stdout: { write(s: string): unknown }): void {
  if (out === undefined || out === '-') {
    stdout.write(output);
    return;
  }
  try {
    writeFileSync(out, output);
  } catch (e) {
    throw new UsageError(`Cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
