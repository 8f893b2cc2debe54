import type { FleetPipeline } from './fleet-view';

/** The schedule the job's intervals come from: its own, or (a job run after upstreams only) its first upstream's, recursively. */
export function intervalSchedule(fleet: readonly FleetPipeline[], name: string): { readonly schedule?: { expression: string; timezone: string }; readonly why: string } {
  const byName = new Map(fleet.map((p) => [p.name, p]));
  const seen = new Set<string>();
  for (let current = byName.get(name); current; current = byName.get(current.after[0] ?? '')) {
    if (seen.has(current.name)) return { why: `its upstreams form a cycle through ${current.name}` };
    seen.add(current.name);
    if (current.schedule) return { schedule: current.schedule, why: current.name === name ? 'its own schedule' : `the schedule of ${current.name}, which it runs after` };
    if (current.onData) return { why: current.name === name ? 'it runs when data lands (onData), in windows of its own' : `it runs after ${current.name}, which runs when data lands` };
    if (current.after.length === 0) break;
  }
  return { why: 'neither it nor an upstream has a schedule' };
}
