#!/usr/bin/env node
/**
 * `workunit`: the command line over the same core as the editor.
 *   workunit lint PATHS… [--format text|json|sarif] [--rule id=level]… [--quiet] [--max-warnings N] [--fix] [--color|--no-color]
 *   workunit catalog [DIR] [--format md|html|json] [-o OUT]
 *   workunit render FILE [--format svg|html] [--width PX] [-o OUT] [--theme light|dark]
 *   workunit import FILE.bpmn [-o OUT | --out-dir DIR] [--force]
 *   workunit export FILE --format bpmn [-o OUT]
 *   workunit measure FILE [--log PATH] [--format text|json]
 *   workunit rules
 * Exit codes: 0 clean (or only findings below error), 1 an error-level
 * finding (or more warnings than --max-warnings), 2 a usage error.
 */
import { VERSION } from '../version';
import { ALL_RULES } from '../core/rules/registry';
import { runCatalog } from './catalog';
import { runLint } from './lint';
import { runRender } from './render';
import { runImport } from './import';
import { runExport } from './export';
import { runMeasure } from './measure';
import { UsageError } from './files';

const HELP = `Usage: workunit <command> [options]

Commands:
  lint PATHS…        Check work unit files (*.workunit.yaml|yml) and folders of them.
                     Folders are searched recursively (minus the ignore globs of
                     workunit.config.yaml); catalog rules run when a folder is given.
                     It reads no log: the rules measured from one run in the editor,
                     and \`measure\` gives the figures.
  catalog [DIR]      Report on every unit under DIR (default: .), per value stream: the
                     four elements, steps by mode, boundary crossings and hand-offs,
                     metrics as baseline → target, findings; then findings by rule.
  render FILE        Draw the unit's human–machine boundary diagram (swimlanes, crossings,
                     hand-offs, accountable humans, findings) as SVG or HTML.
  import FILE.bpmn   Make a draft unit of each process in a BPMN 2.0 file (one per pool with
                     a process, or per executable process): activities become steps, lanes
                     actors, gateways decisions, boundary events exception rules; the outcome
                     and the learning loop come out as <…> placeholders. Prints the
                     four-element test of each unit.
  export FILE        Write the unit as BPMN 2.0 XML with a laid-out diagram (one pool, a lane
                     per actor), for bpmn.io, Camunda Modeler and other BPMN tools.
  measure FILE       Measure the unit from the log of its executions (learning.log, a CSV,
                     XES or gzipped XES file): cycle time (median and p90), exception rate,
                     throughput, conformance, the boundary as run per step, each metric
                     against its baseline and target, before and after each dated change.
  rules              List every rule with its default level.

Options for lint:
  --format FORMAT    text (default): findings grouped by file — the file's path, then
                       one line per finding: line:col  severity  message  rule-id —
                       and a summary line.
                     json: an array of {file, rule, severity, message, range} with
                       1-based lines and columns (UTF-16).
                     sarif: SARIF 2.1.0 for GitHub code scanning and other SARIF
                       tools; paths relative to the current folder (%SRCROOT%).
  --rule ID=LEVEL    Set a rule's level (error, warning, info, hint, off); repeatable.
                     Wins over workunit.config.yaml.
  --fix              Apply the safe fixes (the ones the editor marks preferred) in place,
                     then report what is left.
  --quiet            Report errors only (warnings still count for --max-warnings).
  --max-warnings N   Exit 1 when more than N warnings are found.
  --color            Colour the text output even when it is not a terminal.
  --no-color         Never colour the output. By default colour is used only on a
                     terminal, and not when NO_COLOR is set or TERM=dumb.

Options for catalog:
  --format FORMAT    md (default): Markdown with tables; html: a standalone page (no
                     script, strict CSP); json: the report as data (CatalogReport).
  -o, --out FILE     Write to FILE instead of standard output.

Options for render:
  --format FORMAT    svg (default) or html (a standalone page: no script, strict CSP)
  -o, --out FILE     Write to FILE instead of standard output.
  --theme THEME      light (default) or dark: the colours used outside VS Code.
  --width PX         Fit the diagram into PX pixels at 100%: the flow runs left to right
                     where that fits, else top to bottom with the lanes as columns.

Options for import:
  -o, --out FILE     Write the unit to FILE (- for standard output; the file must hold one
                     unit). By default each unit goes beside the BPMN file, as ID.workunit.yaml.
  --out-dir DIR      Write each unit to DIR/ID.workunit.yaml.
  --force            Overwrite unit files that exist.

Options for export:
  --format FORMAT    bpmn (the only one so far).
  -o, --out FILE     Write to FILE instead of standard output.

Options for measure:
  --log PATH         Measure from PATH (relative to the current folder) instead of the log
                     learning.log names (relative to the unit's file).
  --format FORMAT    text (default): a short report; json: the figures as data (unit, cases,
                     events, unmappedEvents, unmappedActivities, metrics, exceptionRate,
                     conformance, throughputPerWeek, boundary, changes, log, format, skipped).

  -h, --help         Show this help.
  -v, --version      Show the version.

Exit codes: lint: 0 no error-level finding, 1 an error-level finding (or more
warnings than --max-warnings), 2 a usage error. catalog: 0 the report was
written (findings do not fail it), 2 a usage error or a file that cannot be
written. render and export: 0 written, 1 the file is not valid YAML, 2 a usage
error or a file that cannot be read or written. import: 0 imported, 2 a usage
error, a file that is not BPMN or has no process or no activity, or an output
file that exists (without --force). measure: 0 measured, 1 the file is not valid
YAML or the log cannot be read, 2 a usage error (a file that cannot be read, no
log named).
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`workunit ${VERSION}\n`);
    return 0;
  }
  // `workunit lint --help` and the like: the help, not a usage error.
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === 'rules') {
    for (const r of ALL_RULES) process.stdout.write(`${r.id.padEnd(34)} ${r.defaultLevel.padEnd(8)} ${r.summary}\n`);
    return 0;
  }
  if (command === 'lint') return runLint(rest, process.stdout, process.stderr);
  if (command === 'catalog') return runCatalog(rest, process.stdout, process.stderr);
  if (command === 'render') return runRender(rest, process.stdout, process.stderr);
  if (command === 'import') return runImport(rest, process.stdout, process.stderr);
  if (command === 'export') return runExport(rest, process.stdout, process.stderr);
  if (command === 'measure') return runMeasure(rest, process.stdout, process.stderr);
  throw new UsageError(`Unknown command \`${command}\`. Run \`workunit --help\` for the commands.`);
}

// `workunit lint … | head`: the reader went away; stop quietly, as Unix tools do, with the exit code so far.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`workunit: ${e.message}\n`);
    } else {
      process.stderr.write(`workunit: internal error: ${(e as Error).stack ?? e}\n`);
    }
    process.exitCode = 2;
  },
);
