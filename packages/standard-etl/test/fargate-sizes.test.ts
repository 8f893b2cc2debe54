import { describeFargateSizes, isFargateSize } from '../src/fargate-sizes';

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
