/** The CPU architectures Fargate runs Linux tasks on. */
export type CpuArchitecture = 'ARM64' | 'X86_64';

export const CPU_ARCHITECTURES: readonly CpuArchitecture[] = ['ARM64', 'X86_64'];

interface MemoryRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/**
 * Task sizes Fargate offers to Linux tasks (platform 1.4.0), by CPU units, with the memory (MiB)
 * each allows. The same table applies to X86_64 and ARM64 (Graviton). Source: "Task CPU and memory"
 * in the Amazon ECS developer guide; keep in step with it.
 */
const LINUX_SIZES: ReadonlyMap<number, MemoryRange> = new Map([
  [256, { min: 512, max: 2048, step: 512 }],
  [512, { min: 1024, max: 4096, step: 1024 }],
  [1024, { min: 2048, max: 8192, step: 1024 }],
  [2048, { min: 4096, max: 16384, step: 1024 }],
  [4096, { min: 8192, max: 30720, step: 1024 }],
  [8192, { min: 16384, max: 61440, step: 4096 }],
  [16384, { min: 32768, max: 122880, step: 8192 }],
]);

function memoryOptions(range: MemoryRange): number[] {
  const options: number[] = [];
  for (let memory = range.min; memory <= range.max; memory += range.step) options.push(memory);
  return options;
}

/** Whether Fargate runs a Linux task of this size (on either architecture). */
export function isFargateSize(cpu: number, memoryMiB: number): boolean {
  const range = LINUX_SIZES.get(cpu);
  return range !== undefined && memoryOptions(range).includes(memoryMiB);
}

/** What Fargate offers, in words: for the given CPU when it is a valid one, otherwise every CPU value. */
export function describeFargateSizes(cpu: number): string {
  const range = LINUX_SIZES.get(cpu);
  const describe = (units: number, r: MemoryRange) =>
    r.max / r.step - r.min / r.step + 1 <= 4
      ? `cpu ${units} with memoryMiB ${memoryOptions(r).join(', ')}`
      : `cpu ${units} with memoryMiB ${r.min} to ${r.max} in steps of ${r.step}`;
  if (range) return describe(cpu, range);
  return [...LINUX_SIZES].map(([units, r]) => describe(units, r)).join('; ');
}
