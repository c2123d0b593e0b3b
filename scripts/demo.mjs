// The main job on the example catalog: lint every unit, as CI would.
// `invoice-matching` is a unit still being designed, so its findings are expected:
// the demo succeeds when the linter ran (exit 0 or 1) and fails on a usage or internal error (2).
import { spawnSync } from 'node:child_process';

console.log('$ workunit lint examples\n');
const r = spawnSync(process.execPath, ['dist/cli.js', 'lint', 'examples'], { stdio: 'inherit' });
if (r.status === 0 || r.status === 1) {
  console.log('\nThe complete units (onboarding-review, incident-triage) pass; invoice-matching shows what an unfinished unit is missing.');
  process.exit(0);
}
process.exit(r.status ?? 2);
