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

/** An argument that looks like an option (`-x`, `--x`; `-` alone is a path: standard input) that no command knows. */
export function isOption(raw: string): boolean {
  return raw.startsWith('-') && raw !== '-';
}

export function unknownOption(raw: string): UsageError {
  return new UsageError(`Unknown option \`${raw}\`. Run \`workunit --help\` for the options.`);
}

/** `-o`, `--out` and `--output`: every command that writes a file names it so. */
export function isOutFlag(flag: string): boolean {
  return flag === '-o' || flag === '--out' || flag === '--output';
}

/**
 * The arguments of a command that takes one path (`render FILE`, `catalog
 * DIR`…): `option` takes the flags the command knows (true when it took
 * one); any other option is refused, and so is a second path. Returns the
 * path, if one was given.
 */
export function walkOnePath(args: string[], command: string, what: string, option: (arg: Arg) => boolean): string | undefined {
  let path: string | undefined;
  walkArgs(args, (arg) => {
    if (option(arg)) return;
    if (isOption(arg.raw)) throw unknownOption(arg.raw);
    if (path !== undefined) throw new UsageError(`${command} takes one ${what} (got \`${path}\` and \`${arg.raw}\`).`);
    path = arg.raw;
  });
  return path;
}
