// Writes the invented execution logs beside the examples (examples/logs/*.csv), from a fixed seed,
// so that `workunit measure examples/<unit>.workunit.yaml` has something real-looking to read.
//
//   node scripts/generate-example-logs.mjs           writes the logs
//   node scripts/generate-example-logs.mjs --check   exits 1 when a committed log differs from what the seed gives
//
// The rows are invented, not measured: each unit's cases walk its flow (its steps, its labelled branches,
// its exception routes) with durations drawn around a median that drops after the unit's dated change, so
// the before/after figures have something to show. A few quirks a real export has are written on purpose:
// activity names in another case or with spaces around them, events out of file order, an unknown
// column, a quoted field with a comma, an activity the unit does not map, a step people did that a
// machine is declared to do (the drift the measuring reports, in the unfinished invoice-matching), and
// cases still open at the export.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'examples', 'logs');
const SEED = 20261202;

/** mulberry32: a small seeded generator; the same seed gives the same logs on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tools(seed) {
  const rnd = random(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const chance = (p) => rnd() < p;
  /** A log-normal draw around `median` (hours), spread `sigma`: business durations have long tails. */
  const around = (median, sigma = 0.5) => {
    const u = Math.max(rnd(), 1e-9);
    const v = rnd();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * z);
  };
  return { rnd, pick, chance, around };
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Case start times spread over [from, to), on weekdays between 08:00 and 17:00 UTC, in order. */
function starts(t, count, from, to) {
  const out = [];
  const span = Date.parse(to) - Date.parse(from);
  while (out.length < count) {
    const at = new Date(Date.parse(from) + t.rnd() * span);
    const day = at.getUTCDay();
    if (day === 0 || day === 6) continue;
    at.setUTCHours(8 + Math.floor(t.rnd() * 9), Math.floor(t.rnd() * 60), Math.floor(t.rnd() * 60), 0);
    out.push(at.getTime());
  }
  return out.sort((a, b) => a - b);
}

/** `2026-10-24 14:05:09+02:00`: local time in Amsterdam, with the offset that day had (CEST until 25 October). */
function amsterdam(ms) {
  const offset = ms < Date.parse('2026-10-25T01:00:00Z') ? 2 : 1;
  const local = new Date(ms + offset * HOUR).toISOString().slice(0, 19).replace('T', ' ');
  return `${local}+0${offset}:00`;
}
/** `2026-09-14T08:03:11.482Z`: UTC with milliseconds, as a ticketing system exports. */
const utcMillis = (ms) => new Date(ms).toISOString();
/** `2026-09-14T08:03:11`: no offset, which the format reads as UTC. */
const plain = (ms) => new Date(ms).toISOString().slice(0, 19);

function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csv(header, rows) {
  return [header, ...rows].map((r) => r.map((f) => csvField(String(f))).join(',')).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------
// onboarding-review: case_id, activity, completed_at, user, channel (columns named in learning.log;
// `channel` is a column the unit does not name, ignored when measured). The KYC screener was upgraded
// on 2026-10-05 (learning.changes): screening and decisions got faster, fewer cases stalled on documents.

function onboarding() {
  const t = tools(SEED + 1);
  const change = Date.parse('2026-10-05T00:00:00Z');
  const analysts = ['a.jansen', 'm.okafor'];
  const rows = [];
  let n = 0;
  for (const start of starts(t, 320, '2026-08-03T00:00:00Z', '2026-11-28T00:00:00Z')) {
    const id = `ONB-${String(1001 + n++)}`;
    const after = start >= change;
    const channel = t.pick(['web', 'branch', 'partner, referral']);
    const events = [];
    let at = start;
    const add = (activity, user, hours) => {
      at += hours * HOUR;
      events.push([id, activity, at, user, channel]);
    };
    add('Collect case documents', 'crm-workflow', 0);
    const open = start > Date.parse('2026-11-25T00:00:00Z') && t.chance(0.5);
    if (t.chance(after ? 0.05 : 0.12)) {
      // Documents still missing after two reminders: the team lead chases them, and the case goes to decide.
      add('documents-incomplete', 's.devries', t.around(30, 0.4));
    } else {
      add('Sanctions screening', t.chance(0.04) ? t.pick(analysts) : 'kyc-bot', t.around(after ? 0.4 : 2, 0.6));
      if (t.chance(0.04)) add('Screening-Hit', t.pick(analysts), t.around(3, 0.5));
    }
    if (open) {
      rows.push(...events);
      continue;
    }
    if (t.chance(0.03)) add('Case reopened', 'crm-workflow', t.around(1, 0.5));
    add(' DECIDE ', t.chance(0.15) ? 'kyc-bot' : t.pick(analysts), t.around(after ? 14 : 26, 0.5));
    if (t.chance(0.05)) {
      rows.push(...events);
      continue; // escalated: the case leaves this unit for enhanced due diligence
    }
    add('Send decision to customer', 'crm-workflow', t.around(after ? 3 : 6, 0.5));
    rows.push(...events);
  }
  return finish(rows, ['case_id', 'activity', 'completed_at', 'user', 'channel'], amsterdam, 2, t);
}

// ---------------------------------------------------------------------------------------------------
// incident-triage: the default columns (case, activity, timestamp, resource), UTC with milliseconds.
// The classifier was retrained on 2026-09-14 (learning.changes): fewer low-confidence proposals. Shift
// agents classify by hand now and then when the queue backs up (not often enough to drift).

function incidents() {
  const t = tools(SEED + 2);
  const change = Date.parse('2026-09-14T00:00:00Z');
  const agents = ['p.ramos', 'j.li', 'k.osei'];
  const rows = [];
  let n = 0;
  for (const start of starts(t, 420, '2026-08-03T00:00:00Z', '2026-10-31T00:00:00Z')) {
    const id = `INC${String(40211 + n++)}`;
    const after = start >= change;
    const events = [];
    let at = start;
    const add = (activity, resource, minutes) => {
      at += minutes * 60_000;
      events.push([id, activity, at, resource]);
    };
    add('capture', 'itsm', 0);
    if (t.chance(0.03)) {
      add('vip-caller', 'r.haddad', t.around(4, 0.5)); // routed straight to confirm
    } else {
      const manual = t.chance(0.07);
      add('classify', manual ? t.pick(agents) : 'ticket-classifier-2', manual ? t.around(9, 0.5) : t.around(0.8, 0.4));
      if (t.chance(after ? 0.04 : 0.1)) add('low-confidence', t.pick(agents), t.around(6, 0.5));
    }
    add('confirm', t.pick(agents), t.around(after ? 7 : 18, 0.6));
    if (t.chance(0.03)) {
      add('Major-Incident', t.pick(agents), t.around(12, 0.4));
    } else {
      add('route', 'itsm', t.around(after ? 1.5 : 4, 0.5));
    }
    rows.push(...events);
  }
  return finish(rows, ['case', 'activity', 'timestamp', 'resource'], utcMillis, 0, t);
}

// ---------------------------------------------------------------------------------------------------
// invoice-matching: the default columns, timestamps without an offset (UTC). A unit still being designed:
// its log was exported from the ERP before anyone chose metrics, so it names activities by the ERP's
// own words where the unit has no `activity` yet ("Payment proposal created" maps to nothing), and clerks
// match a fifth of the invoices by hand: `match`, declared machine, has drifted.

function invoices() {
  const t = tools(SEED + 3);
  const clerks = ['l.moreau', 'd.novak'];
  const rows = [];
  let n = 0;
  for (const start of starts(t, 260, '2026-09-01T00:00:00Z', '2026-11-27T00:00:00Z')) {
    const id = `INV-2026-${String(5001 + n++)}`;
    const events = [];
    let at = start;
    const add = (activity, resource, hours) => {
      at += hours * HOUR;
      events.push([id, activity, at, resource]);
    };
    add('ingest', 'erp', 0);
    add('match', t.chance(0.2) ? t.pick(clerks) : 'three-way-matcher', t.around(0.3, 0.7));
    add('approve', t.pick(['ap-lead', ...clerks]), t.around(20, 0.7));
    if (t.chance(0.08)) {
      rows.push(...events);
      continue; // rejected
    }
    if (t.chance(0.5)) add('Payment proposal created', 'erp', t.around(2, 0.5));
    add('pay', 'erp', t.around(30, 0.6));
    rows.push(...events);
  }
  return finish(rows, ['case', 'activity', 'timestamp', 'resource'], plain, 0, t);
}

/**
 * Sorts the rows by time (ties in the order they were made), formats the timestamp column, and moves
 * `shuffled` rows a little out of order: exports are not always sorted, and the measuring must sort.
 */
function finish(rows, header, format, shuffled, t) {
  const ordered = rows.map((r, i) => ({ r, i })).sort((a, b) => a.r[2] - b.r[2] || a.i - b.i).map(({ r }) => r);
  for (let k = 0; k < shuffled; k++) {
    const i = Math.floor(t.rnd() * (ordered.length - 1));
    [ordered[i], ordered[i + 1]] = [ordered[i + 1], ordered[i]];
  }
  return csv(header, ordered.map((r) => r.map((f, i) => (i === 2 ? format(f) : f))));
}

const LOGS = {
  'onboarding-review.csv': onboarding,
  'incident-triage.csv': incidents,
  'invoice-matching.csv': invoices,
};

const check = process.argv.includes('--check');
let stale = 0;
mkdirSync(OUT, { recursive: true });
for (const [name, make] of Object.entries(LOGS)) {
  const text = make();
  const path = join(OUT, name);
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = '';
    }
    if (current !== text) {
      console.error(`examples/logs/${name} is not what the seed gives: run node scripts/generate-example-logs.mjs`);
      stale++;
    }
  } else {
    writeFileSync(path, text);
    console.log(`examples/logs/${name}: ${text.split('\n').length - 2} events`);
  }
}
process.exit(stale > 0 ? 1 : 0);
