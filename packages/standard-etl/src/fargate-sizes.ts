/** The CPU architectures Fargate runs Linux tasks on. */
export type CpuArchitecture = 'ARM64' | 'X86_64';

export const CPU_ARCHITECTURES: readonly CpuArchitecture[] = ['ARM64', 'X86_64'];

interface MemoryOptions {
  /** Every memory size (MiB) offered with this CPU. */
  readonly values: readonly number[];
  /** The same, in words. */
  readonly text: string;
}

function listed(...values: number[]): MemoryOptions {
  return { values, text: values.join(', ') };
}

function stepped(min: number, max: number, step: number): MemoryOptions {
  const values: number[] = [];
  for (let memory = min; memory <= max; memory += step) values.push(memory);
  return { values, text: `${min} to ${max} in steps of ${step}` };
}

/**
 * Task sizes Fargate offers to Linux tasks (platform 1.4.0), by CPU units, on X86_64 and ARM64
 * (Graviton) alike. Source: "Task CPU and memory" in the Amazon ECS developer guide; keep in step with it.
 */
const LINUX_SIZES: ReadonlyMap<number, MemoryOptions> = new Map([
  [256, listed(512, 1024, 2048)],
  [512, listed(1024, 2048, 3072, 4096)],
  [1024, stepped(2048, 8192, 1024)],
  [2048, stepped(4096, 16384, 1024)],
  [4096, stepped(8192, 30720, 1024)],
  [8192, stepped(16384, 61440, 4096)],
  [16384, stepped(32768, 122880, 8192)],
]);

/** Whether Fargate runs a Linux task of this size (on either architecture). */
export function isFargateSize(cpu: number, memoryMiB: number): boolean {
  return LINUX_SIZES.get(cpu)?.values.includes(memoryMiB) ?? false;
}

/** What Fargate offers, in words: for the given CPU when it is a valid one, otherwise every CPU value. */
export function describeFargateSizes(cpu: number): string {
  const options = LINUX_SIZES.get(cpu);
  if (options) return `cpu ${cpu} with memoryMiB ${options.text}`;
  return [...LINUX_SIZES].map(([units, o]) => `cpu ${units} with memoryMiB ${o.text}`).join('; ');
}

/**
 * The smallest size Fargate offers with at least this CPU and this memory (CPU first, then
 * memory), or undefined when even the largest is smaller.
 */
export function smallestFargateSizeAtLeast(cpu: number, memoryMiB: number): { readonly cpu: number; readonly memoryMiB: number } | undefined {
  for (const [units, options] of LINUX_SIZES) {
    if (units < cpu) continue;
    const memory = options.values.find((value) => value >= memoryMiB);
    if (memory !== undefined) return { cpu: units, memoryMiB: memory };
  }
  return undefined;
}
