import { VirtualClock } from '../src/virtual-clock';

describe('VirtualClock', () => {
  test('VirtualClock - sleepers wake in time order, those of one instant in the order they slept', async () => {
    const clock = new VirtualClock(1_000);
    const woken: string[] = [];
    void clock.sleep(500).then(() => woken.push(`b@${clock.now()}`));
    void clock.sleep(100).then(() => woken.push(`a@${clock.now()}`));
    void clock.sleep(500).then(() => woken.push(`c@${clock.now()}`));
    await clock.run();
    expect(woken).toEqual(['a@1100', 'b@1500', 'c@1500']);
  });

  test('VirtualClock - run(until) stops at that time and leaves later sleepers asleep', async () => {
    const clock = new VirtualClock(0);
    let woken = false;
    void clock.sleep(60_000).then(() => (woken = true));
    await clock.run(30_000);
    expect([clock.now(), woken]).toEqual([30_000, false]);
    await clock.run();
    expect([clock.now(), woken]).toEqual([60_000, true]);
  });

  test('VirtualClock - throws on a loop that never settles', async () => {
    const clock = new VirtualClock(0);
    const loop = (): void => void clock.sleep(1).then(loop);
    loop();
    await expect(clock.run(Number.POSITIVE_INFINITY, 50)).rejects.toThrow(
      'the simulation did not settle after 50 timer events (virtual time 1970-01-01T00:00:00.050Z): a state machine loops without end.',
    );
  });
});
