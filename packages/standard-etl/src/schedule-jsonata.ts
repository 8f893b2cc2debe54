/**
 * The data interval of a scheduled run, computed inside the trigger state machine. Step Functions
 * evaluates JSONata, which has arithmetic and `$fromMillis` but no IANA time zones, so the zone's
 * UTC offsets are written into the expression at synth as a table, and a cron's previous
 * occurrence is found among the gaps its occurrences can have (measured at synth over the table's
 * years): the smallest gap that lands on an occurrence is the previous one. What this cannot
 * compute exactly is refused at synth with the reason (`scheduleJsonata` returns it).
 */
import { cronOccurrences, utcOffsetMs } from './data-interval';
import { Cron, parseScheduleExpression } from './schedule-expression';

/** The years the offset table covers: a scheduled run after them fails its trigger (an alarm), never computes wrong. */
export const TABLE_FROM_YEAR = 2025;
export const TABLE_TO_YEAR = 2045;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * A JSONata expression that, given `$t` (the scheduled time in epoch milliseconds), evaluates to
 * `{ "start": ms, "end": ms }`: the period that ends at that occurrence. Returns a reason (string
 * starting with "cannot") when the schedule has a construct the trigger cannot compute.
 */
export function scheduleJsonata(expression: string, timezone: string): { readonly jsonata: string } | { readonly refusal: string } {
  const parsed = parseScheduleExpression(expression);
  if (typeof parsed === 'string') return { refusal: parsed };
  if (parsed.rateSeconds !== undefined) {
    const period = parsed.rateSeconds * 1000;
    return { jsonata: `($e := $floor($t / ${period}) * ${period}; { "start": $e - ${period}, "end": $e })` };
  }
  const cron = parsed.cron!;
  const day = dayPredicate(cron);
  if ('refusal' in day) return day;
  const transitions = offsetTransitions(timezone);
  const deltas = [...new Set(transitions.slice(1).map((t, i) => transitions[i]!.offset - t.offset).filter((d) => d > 0))].sort((a, b) => a - b);
  const gaps = candidateGaps(cron, timezone, transitions);
  if (gaps.length === 0) return { refusal: 'cannot: it runs at most once in the years the trigger covers, so a run has no previous occurrence' };
  if (gaps.length > 2_000) return { refusal: `cannot: its runs are ${gaps.length} different gaps apart, more than the trigger can test` };

  const lowMs = Date.UTC(TABLE_FROM_YEAR, 0, 2);
  const highMs = Date.UTC(TABLE_TO_YEAR + 1, 0, 1) - DAY_MS;
  const offset =
    transitions.length === 1
      ? `function($u) { ${transitions[0]!.offset} }`
      : `function($u) { $table[f <= $u][-1].o }`;
  const list = (values: readonly number[]) => `[${values.join(', ')}]`;
  const allYears = cron.years.length === 2199 - 1970 + 1;
  const fieldTests = [
    cron.minutes.length === 60 ? '' : `($p[4] in ${list(cron.minutes)})`,
    cron.hours.length === 24 ? '' : `($p[3] in ${list(cron.hours)})`,
    cron.months.length === 12 ? '' : `($p[1] in ${list(cron.months)})`,
    allYears ? '' : `($p[0] in ${list(cron.years)})`,
    day.jsonata,
  ].filter((test) => test !== '');
  const firstOfTwins = deltas.map((d) => ` and $not($offset($u - ${d}) = $o + ${d})`).join('');
  return {
    jsonata: [
      '(',
      transitions.length === 1 ? '' : `  $table := ${JSON.stringify(transitions.map((t) => ({ f: t.fromMs, o: t.offset })))};`,
      `  $offset := ${offset};`,
      // Local calendar fields by arithmetic (days to civil date, as in H. Hinnant's algorithm): [year, month, day, hour, minute, weekday 1 = Sunday].
      '  $parts := function($l) { (',
      '    $days := $floor($l / 86400000);',
      '    $z := $days + 719468;',
      '    $era := $floor($z / 146097);',
      '    $doe := $z - $era * 146097;',
      '    $yoe := $floor(($doe - $floor($doe / 1460) + $floor($doe / 36524) - $floor($doe / 146096)) / 365);',
      '    $doy := $doe - (365 * $yoe + $floor($yoe / 4) - $floor($yoe / 100));',
      '    $mp := $floor((5 * $doy + 2) / 153);',
      '    $month := $mp < 10 ? $mp + 3 : $mp - 9;',
      '    [$yoe + $era * 400 + ($month <= 2 ? 1 : 0), $month, $doy - $floor((153 * $mp + 2) / 5) + 1,',
      '     $floor(($l % 86400000) / 3600000), $floor(($l % 3600000) / 60000), ($days + 4) % 7 + 1]',
      '  ) };',
      '  $isRun := function($u) { (',
      '    $o := $offset($u);',
      '    $l := $u + $o;',
      '    $p := $parts($l);',
      '    $dow := $p[5];',
      `    ${fieldTests.length ? fieldTests.join(' and ') : 'true'}${firstOfTwins}`,
      '  ) };',
      '  $e := $floor($t / 60000) * 60000;',
      `  $e < ${lowMs} or $e > ${highMs} ? $error("the scheduled time " & $fromMillis($e) & " is outside the years ${TABLE_FROM_YEAR}-${TABLE_TO_YEAR} this trigger covers; deploy the pipeline again to extend them") : (`,
      `    $gaps := ${list(gaps)};`,
      '    $find := function($i) { $i >= $count($gaps) ? undefined : $isRun($e - $gaps[$i]) ? $gaps[$i] : $find($i + 1) };',
      '    $g := $find(0);',
      '    $exists($g) ? { "start": $e - $g, "end": $e } : $error("no previous run of ' + expression + ' before " & $fromMillis($e))',
      '  )',
      ')',
    ]
      .filter((line) => line !== '')
      // One line: Step Functions definitions are checked by tools (asl-validator) that refuse a
      // JSONata value spanning lines, and AWS documents none.
      .map((line) => line.trim())
      .join(' '),
  };
}

/** The day test, with `$p` the local [year, month, day, hour, minute, isoWeekday], `$dow` cron's weekday (1 = Sunday) and `$l` local ms. */
function dayPredicate(cron: Cron): { readonly jsonata: string } | { readonly refusal: string } {
  const { field, text } = cron.days;
  const monthAfter = (days: number) => `$parts($l + ${days * DAY_MS})[1]`;
  if (text === '*') return { jsonata: '' };
  if (field === 'day-of-month') {
    if (text === 'L') return { jsonata: `(${monthAfter(1)} != $p[1])` };
    if (/W/.test(text)) return { refusal: `cannot: the nearest-weekday form "${text}" of day-of-month is not computed by the trigger; list the days instead` };
    return { jsonata: `($p[2] in [${expandList(text, 1, 31).join(', ')}])` };
  }
  if (text === 'L') return { jsonata: '($dow = 7)' };
  const last = /^([0-9A-Za-z]+)L$/.exec(text);
  if (last) return { jsonata: `($dow = ${weekdayNumber(last[1]!)} and ${monthAfter(7)} != $p[1])` };
  const nth = /^([0-9A-Za-z]+)#(\d)$/.exec(text);
  if (nth) return { jsonata: `($dow = ${weekdayNumber(nth[1]!)} and $ceil($p[2] / 7) = ${nth[2]})` };
  return { jsonata: `($dow in [${expandList(text, 1, 7, WEEKDAYS).join(', ')}])` };
}

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function weekdayNumber(text: string): number {
  const index = WEEKDAYS.indexOf(text.toUpperCase());
  return index >= 0 ? index + 1 : Number(text);
}

/** Expands a list already validated by the parser (`a`, `a-b`, `*`, with `/step`, comma-separated). */
function expandList(text: string, min: number, max: number, names?: readonly string[]): number[] {
  const value = (t: string) => {
    const index = names?.indexOf(t.toUpperCase()) ?? -1;
    return index >= 0 ? index + min : Number(t);
  };
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [base, stepText] = item.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    let [from, to] = [min, max];
    if (base !== '*') {
      const [a, b] = base.split('-') as [string, string | undefined];
      from = value(a);
      to = b === undefined ? (stepText === undefined ? from : max) : value(b);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

interface Transition {
  /** From this instant (epoch ms; the first entry starts the table)... */
  readonly fromMs: number;
  /** ...the zone is this far ahead of UTC, in ms. */
  readonly offset: number;
}

/** The zone's offset changes over the table's years, found day by day then to the minute. */
export function offsetTransitions(timezone: string): Transition[] {
  const start = Date.UTC(TABLE_FROM_YEAR, 0, 1);
  const end = Date.UTC(TABLE_TO_YEAR + 1, 0, 1);
  const result: Transition[] = [{ fromMs: start - DAY_MS, offset: utcOffsetMs(timezone, start - DAY_MS) }];
  if (timezone === 'UTC' || timezone === 'Etc/UTC') return result;
  let previous = result[0]!.offset;
  for (let at = start; at <= end; at += DAY_MS) {
    const offset = utcOffsetMs(timezone, at);
    if (offset === previous) continue;
    let [low, high] = [at - DAY_MS, at];
    while (high - low > MINUTE_MS) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (utcOffsetMs(timezone, middle) === previous) low = middle;
      else high = middle;
    }
    result.push({ fromMs: high, offset });
    previous = offset;
  }
  return result;
}

/**
 * Every gap, in ms, between two consecutive runs over the table's years: the gaps of the local
 * wall-clock schedule (where the offset does not change, a UTC gap equals the local one), and the
 * real gaps around each offset change, measured by listing the runs there.
 */
function candidateGaps(cron: Cron, timezone: string, transitions: readonly Transition[]): number[] {
  const gaps = new Set<number>();
  const times = cron.hours.flatMap((h) => cron.minutes.map((m) => (h * 60 + m) * MINUTE_MS));
  for (let i = 1; i < times.length; i += 1) gaps.add(times[i]! - times[i - 1]!);
  const firstDay = Math.floor(Date.UTC(TABLE_FROM_YEAR, 0, 1) / DAY_MS);
  const lastDay = Math.floor(Date.UTC(TABLE_TO_YEAR + 1, 0, 1) / DAY_MS);
  let previousDay: number | undefined;
  let longest = times.length > 1 ? Math.max(...[...gaps]) : 0;
  for (let dayIndex = firstDay; dayIndex <= lastDay; dayIndex += 1) {
    const date = new Date(dayIndex * DAY_MS);
    if (!cron.matchesDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) continue;
    if (previousDay !== undefined) {
      const gap = (dayIndex - previousDay) * DAY_MS - times[times.length - 1]! + times[0]!;
      gaps.add(gap);
      longest = Math.max(longest, gap);
    }
    previousDay = dayIndex;
  }
  if (transitions.length > 1) {
    const margin = longest + 2 * DAY_MS;
    for (const transition of transitions.slice(1)) {
      const runs = cronOccurrences(cron, timezone, transition.fromMs - margin, transition.fromMs + margin);
      for (let i = 1; i < runs.length; i += 1) gaps.add(runs[i]! - runs[i - 1]!);
    }
  }
  return [...gaps].sort((a, b) => a - b);
}
