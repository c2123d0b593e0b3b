/** Reading command-line arguments the same way in every command: `--flag value`, `--flag=value`, positionals. */
import { UsageError } from './files';

export interface Arg {
  /** The argument as typed. */
  raw: string;
  /** The flag without an `=value` part (`--format=json` → `--format`); the raw text for positionals. */
  flag: string;
  /** Whether `=value` was written inline. */
  inline: boolean;
  /** The flag's value: inline, or the next argument (consumed). */
  value(): string;
}

export function walkArgs(args: string[], visit: (arg: Arg) => void): void {
  for (let i = 0; i < args.length; i++) {
    const raw = args[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    visit({
      raw,
      flag: eq > 0 ? raw.slice(0, eq) : raw,
      inline: eq > 0,
      value: () => {
        if (eq > 0) return raw.slice(eq + 1);
        const v = args[++i];
        if (v === undefined) throw new UsageError(`${raw} needs a value.`);
        return v;
      },
    });
  }
}
