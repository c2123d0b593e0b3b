#!/usr/bin/env node
/**
 * `workunit`: the command line over the same core as the editor.
 *   workunit lint PATHS… [--format text|json] [--rule id=level]… [--quiet] [--max-warnings N]
 *   workunit render FILE [--format svg|html] [-o OUT] [--theme light|dark]
 * Exit codes: 0 clean (or only findings below error), 1 an error-level
 * finding (or more warnings than --max-warnings), 2 a usage error.
 */
import { VERSION } from '../version';
import { ALL_RULES } from '../core/rules/registry';
import { runLint } from './lint';
import { runRender } from './render';
import { UsageError } from './files';

const HELP = `Usage: workunit <command> [options]

Commands:
  lint PATHS…        Check work unit files (*.workunit.yaml|yml) and folders of them.
                     Folders are searched recursively; catalog rules run across them.
  render FILE        Draw the unit's human–machine boundary diagram (swimlanes, crossings,
                     hand-offs, accountable humans, findings) as SVG or HTML.
  rules              List every rule with its default level.

Options for lint:
  --format FORMAT    text (default) or json
  --rule ID=LEVEL    Set a rule's level (error, warning, info, hint, off); repeatable.
                     Wins over workunit.config.yaml.
  --fix              Apply the safe fixes (the ones the editor marks preferred) in place,
                     then report what is left.
  --quiet            Report errors only.
  --max-warnings N   Exit 1 when more than N warnings are found.
  --no-color         Never colour the output (colour is used only on a terminal).

Options for render:
  --format FORMAT    svg (default) or html (a standalone page: no script, strict CSP)
  -o, --out FILE     Write to FILE instead of standard output.
  --theme THEME      light (default) or dark: the colours used outside VS Code.

  -h, --help         Show this help.
  -v, --version      Show the version.

Exit codes: 0 no error-level finding, 1 an error-level finding (or too many
warnings), 2 a usage error. render: 0 rendered, 1 the file is not valid YAML,
2 a usage error or a file that cannot be read or written.
`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`workunit ${VERSION}\n`);
    return 0;
  }
  if (command === 'rules') {
    for (const r of ALL_RULES) process.stdout.write(`${r.id.padEnd(34)} ${r.defaultLevel.padEnd(8)} ${r.summary}\n`);
    return 0;
  }
  if (command === 'lint') return runLint(rest, process.stdout, process.stderr);
  if (command === 'render') return runRender(rest, process.stdout, process.stderr);
  throw new UsageError(`Unknown command \`${command}\`. Run \`workunit --help\` for the commands.`);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`workunit: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`workunit: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  }
}
