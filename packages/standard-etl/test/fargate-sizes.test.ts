import { describeFargateSizes, isFargateSize, smallestFargateSizeAtLeast } from '../src/fargate-sizes';

describe('isFargateSize', () => {
  test('isFargateSize - accepts the sizes Fargate offers', () => {
    for (const [cpu, memory] of [[256, 512], [256, 2048], [512, 4096], [1024, 8192], [2048, 16384], [4096, 30720], [8192, 61440], [16384, 122880]]) {
      expect(isFargateSize(cpu!, memory!)).toBe(true);
    }
  });

  test('isFargateSize - refuses the others', () => {
    for (const [cpu, memory] of [[256, 1536], [256, 4096], [512, 512], [1024, 1024], [4096, 31744], [8192, 18432], [16384, 36864], [128, 512]]) {
      expect(isFargateSize(cpu!, memory!)).toBe(false);
    }
  });
});

describe('describeFargateSizes', () => {
  test('describeFargateSizes - lists the memory of a valid CPU, or every size', () => {
    expect(describeFargateSizes(256)).toBe('cpu 256 with memoryMiB 512, 1024, 2048');
    expect(describeFargateSizes(4096)).toBe('cpu 4096 with memoryMiB 8192 to 30720 in steps of 1024');
    expect(describeFargateSizes(3)).toMatch(/^cpu 256 with memoryMiB 512, 1024, 2048; cpu 512 .*; cpu 16384 with memoryMiB 32768 to 122880 in steps of 8192$/);
  });
});

describe('smallestFargateSizeAtLeast', () => {
  test('smallestFargateSizeAtLeast - keeps a size Fargate offers', () => {
    expect(smallestFargateSizeAtLeast(512, 2048)).toEqual({ cpu: 512, memoryMiB: 2048 });
  });

  test('smallestFargateSizeAtLeast - rounds memory up within the CPU, then the CPU up when the memory needs it', () => {
    expect(smallestFargateSizeAtLeast(256, 768)).toEqual({ cpu: 256, memoryMiB: 1024 });
    expect(smallestFargateSizeAtLeast(300, 512)).toEqual({ cpu: 512, memoryMiB: 1024 });
    expect(smallestFargateSizeAtLeast(256, 4096)).toEqual({ cpu: 512, memoryMiB: 4096 });
    expect(smallestFargateSizeAtLeast(2048, 512)).toEqual({ cpu: 2048, memoryMiB: 4096 });
    expect(smallestFargateSizeAtLeast(8192, 20000)).toEqual({ cpu: 8192, memoryMiB: 20480 });
  });

  test('smallestFargateSizeAtLeast - undefined beyond the largest size', () => {
    expect(smallestFargateSizeAtLeast(32768, 512)).toBeUndefined();
    expect(smallestFargateSizeAtLeast(16384, 200000)).toBeUndefined();
  });
});
