/**
 * Every way the fleet of pipelines can be wrong where no single pipeline's synth can see it, as one
 * catalogue. Each finding names the pipeline, the field, the value and what is allowed.
 */

/** One problem of the fleet. */
export interface FleetFinding {
  readonly pipeline: string;
  readonly field: string;
  readonly message: string;
}

function finding(pipeline: string, field: string, value: unknown, allowed: string): FleetFinding {
  return { pipeline, field, message: `pipeline "${pipeline}": ${field} is ${JSON.stringify(value)}; ${allowed}.` };
}

const list = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : 'none');

export const fleetFindings = {
  unknownUpstream: (pipeline: string, field: string, upstream: string, known: readonly string[]) =>
    finding(pipeline, field, upstream, `no pipeline of that name exists (known pipelines: ${list(known)}); name a folder under pipelines/`),
  upstreamIsService: (pipeline: string, field: string, upstream: string) =>
    finding(
      pipeline,
      field,
      upstream,
      `"${upstream}" is an always-on service: its runs never end, so nothing would start "${pipeline}". ` +
        'Run after a job, or watch the prefix the service writes with onData',
    ),
  upstreamIsItself: (pipeline: string, field: string) =>
    finding(pipeline, field, pipeline, 'a pipeline cannot run after itself; remove it from after'),
  cycle: (pipeline: string, field: string, value: string, cycle: readonly string[]) =>
    finding(
      pipeline,
      field,
      value,
      `it closes a trigger cycle ${cycle.join(' -> ')}: each run would start the next forever. Remove one of these triggers`,
    ),
  watchesOwnWrites: (pipeline: string, field: string, prefix: string, written: string) =>
    finding(
      pipeline,
      field,
      prefix,
      `the pipeline writes "${written}" itself, so each of its runs would start another. Watch a prefix that another pipeline or a partner writes`,
    ),
  upstreamsNeverAligned: (pipeline: string, sources: ReadonlyArray<{ readonly upstream: string; readonly source: string }>) =>
    finding(
      pipeline,
      'after',
      sources.map((s) => s.upstream),
      `its upstreams get their data intervals from different clocks (${sources.map((s) => `${s.upstream}: ${s.source}`).join('; ')}), ` +
        'so they never succeed for the same interval and the pipeline would never start. Give them the same schedule, or split the pipeline',
    ),
  unknownDataset: (pipeline: string, dataset: string, known: readonly string[]) =>
    finding(pipeline, 'lake.read', dataset, `no pipeline declares that dataset (known datasets: ${list(known)}); name one as "<pipeline>.<dataset>"`),
  unknownOwner: (pipeline: string, owner: string, teams: readonly string[]) =>
    finding(
      pipeline,
      'owner',
      owner,
      `no team of that name in stacks/access/teams.ts (teams: ${list(teams)}); name one of them, or add the team there (its alerts destination with it)`,
    ),
  sharedWritePrefix: (pipeline: string, prefix: string, other: string, otherPrefix: string) =>
    finding(
      pipeline,
      'lake.write',
      prefix,
      `pipeline "${other}" writes "${otherPrefix}", which overlaps it: every prefix has one writer, so that its data and its dataset tables mean one thing. ` +
        `Write under "${pipeline}/", or read the other pipeline's dataset`,
    ),
} as const;
