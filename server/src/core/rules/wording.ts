/**
 * Reading an outcome statement: does it state a result or an activity, and
 * does it carry a number or a time bound? Plain word lists, no NLP: the aim is
 * to catch "Review onboarding case" (an instruction) while letting
 * "Review completed and decision sent within a day" (a result) pass.
 */

/** Base-form verbs that open an instruction ("Match supplier invoices"). */
const ACTIVITY_VERBS = new Set(
  `accept acknowledge activate adjudicate administer adjust allocate analyse analyze answer apply approve archive arrange assemble
  assess assign audit authorise authorize automate balance bill book build buy calculate call cancel capture categorise categorize
  charge check classify clean clear close coach collect communicate compare compile complete compute conduct configure confirm
  connect consolidate contact control convert coordinate correct create cut deactivate decide decrease define deliver deploy
  deprovision design detect determine develop digitise digitize dispatch dispose distribute do document download draft email
  enable enroll enrol ensure enter escalate establish estimate evaluate examine exchange execute export extract fetch file fill
  finalise finalize find fix flag follow forecast forward fulfil fulfill gather generate get give grant handle help hire identify
  implement import improve increase inform ingest input inspect install instruct interview introduce investigate invoice issue
  keep label launch load locate log look lower maintain make manage map match maximise maximize measure migrate minimise minimize
  monitor move negotiate notify obtain offboard onboard open optimise optimize order organise organize pack pay perform pick plan
  post prepare present prevent prioritise prioritize process procure produce provide provision publish purchase qualify quote
  raise rank rate read receive recommend reconcile record recruit reduce refund register reimburse reject release remind remove
  renew repair replace reply report request resolve respond restore retrieve return review revoke route run save scan schedule
  score screen search select sell send serve set settle ship sign sort source standardise standardize start store streamline
  submit summarise summarize supply support take tag teach test track train transfer translate triage underwrite update upload
  validate verify write`.split(/\s+/),
);

/** Words that open a sentence without changing what it is ("To review…", "We review…"). */
const LEAD_INS = new Set(['to', 'we', 'i', 'you', 'will', 'shall', 'must', 'should', 'please', 'let', "let's", 'always', 'then', 'and']);

/** Verbs that double as nouns in a compound subject ("Match rate", "Review backlog", "Response time"). */
const NOUNISH_VERBS = new Set(
  `match review process run return order pay claim request report test score rate record ship file book quote check release
  transfer refund issue call search scan support change response purchase access exchange`.split(/\s+/),
);

/** Nouns that turn a leading verb-like word into a compound noun ("Match rate above 95%"). */
const MEASURE_NOUNS = new Set(
  `rate rates time times ratio accuracy quality cost costs backlog volume volumes count score level levels share percentage
  errors error cycle turnaround throughput lead`.split(/\s+/),
);

/** Irregular past participles a result statement uses ("Refund paid", "Decision sent"). */
const IRREGULAR_PARTICIPLES = new Set(
  `done sent paid made given taken written known shown seen set put kept held met found built run won chosen drawn begun brought
  bought caught taught told sold left lost read understood spent dealt sent shipped under met undertaken overseen`.split(/\s+/),
);

/** Copulas that make the opening words a subject ("Review is complete"). A time bound ("within") is not one: it is about measurability. */
const RESULT_PREDICATES = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'be', 'been', 'being', 'gets', 'got', 'stays', 'remains']);

function words(statement: string): string[] {
  return statement
    .toLowerCase()
    .replace(/[“”"'`‘’()[\]{}]/g, ' ')
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter((w) => w.length > 0);
}

function isParticiple(word: string): boolean {
  return (word.length > 4 && word.endsWith('ed')) || IRREGULAR_PARTICIPLES.has(word);
}

/** "reviewing" → "review", "matching" → "match", "issuing" → "issue", "running" → "run". */
function gerundStem(word: string): string | undefined {
  if (!word.endsWith('ing') || word.length < 6) return undefined;
  const base = word.slice(0, -3);
  const candidates = [base, `${base}e`, base.length > 2 && base.at(-1) === base.at(-2) ? base.slice(0, -1) : ''];
  return candidates.find((c) => c && ACTIVITY_VERBS.has(c));
}

/** Nouns ending in -ing that name a thing, not an activity ("Onboarding", "Billing"). */
const ING_NOUNS = new Set(['onboarding', 'offboarding', 'billing', 'pricing', 'funding', 'housing', 'booking', 'building', 'training', 'shipping', 'packaging', 'planning', 'routing', 'staffing', 'invoicing', 'ordering', 'processing', 'matching', 'screening', 'reporting', 'scheduling', 'testing']);

/**
 * True when the statement reads as an activity rather than a result: it opens
 * with an instruction verb ("Match invoices", "To approve claims"), or with a
 * gerund and states no result ("Reviewing supplier contracts").
 */
export function readsAsActivity(statement: string): boolean {
  let ws = words(statement);
  while (ws.length > 0 && (LEAD_INS.has(ws[0]) || (ws[0].endsWith('ly') && ws[0].length > 3))) ws = ws.slice(1);
  if (ws.length === 0) return false;
  const [first, second] = ws;
  const rest = ws.slice(1);
  const statesResult = rest.some((w) => isParticiple(w) || RESULT_PREDICATES.has(w));

  if (ACTIVITY_VERBS.has(first)) {
    if (second === undefined) return true;
    // "Review completed…", "Refund issued…", "Match rate above 95%": the verb-like word is a noun subject.
    if (isParticiple(second) || RESULT_PREDICATES.has(second)) return false;
    if (MEASURE_NOUNS.has(second) && NOUNISH_VERBS.has(first)) return false;
    // "Refund decision communicated…", "Purchase orders approved…": a noun phrase, then its result.
    if (NOUNISH_VERBS.has(first) && statesResult) return false;
    // "Review of contracts completed within a day" is a result; "Review of contracts" is not.
    if (second === 'of' || second === 'for') return !statesResult;
    return true;
  }
  const stem = gerundStem(first);
  if (stem) {
    if (second !== undefined && MEASURE_NOUNS.has(second)) return false;
    if (ING_NOUNS.has(first) && statesResult) return false;
    return !statesResult && !/[<>%≤≥]/.test(statement);
  }
  return false;
}

const NUMBER_WORDS =
  /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half|quarter|once|twice|double|triple|dozen)\b/i;
const TIME_BOUNDS =
  /\b(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|quarters?|years?|fortnights?|overnight|hourly|daily|weekly|biweekly|fortnightly|monthly|quarterly|annually|yearly|same[- ]day|next[- ]day|deadline|eod|sla|percent|per cent|weekdays?)\b/i;

/** True when the statement names a number or a time bound ("within 24 hours", "two days", "same-day", "95%"). */
export function statesNumberOrTimeBound(statement: string): boolean {
  return /\p{Nd}/u.test(statement) || /[%‰]/.test(statement) || NUMBER_WORDS.test(statement) || TIME_BOUNDS.test(statement);
}
