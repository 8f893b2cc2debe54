import { CommandError } from '../../src/errors';
import { parseFleetArguments } from '../../src/fleet/fleet-arguments';

describe('parseFleetArguments', () => {
  const USAGE = 'usage: data-platform fleet-x [--env <name>] [--json]';

  test('parseFleetArguments - the common options with their defaults, beside the command\'s own', () => {
    expect(parseFleetArguments('fleet-x', USAGE, [], { json: { type: 'boolean', default: false } })).toEqual({ env: 'dev', root: '.', help: false, json: false });
    expect(parseFleetArguments('fleet-x', USAGE, ['--env', 'prod', '--json', '--root', 'elsewhere'], { json: { type: 'boolean', default: false } })).toEqual({
      env: 'prod',
      root: 'elsewhere',
      help: false,
      json: true,
    });
  });

  test.each([
    [['--nope'], "fleet-x: Unknown option '--nope'"],
    [['--env'], "fleet-x: Option '--env <value>' argument missing"],
    [['extra'], "fleet-x: Unexpected argument 'extra'"],
  ])('parseFleetArguments - %j is one error naming the command, then its usage', (argv, message) => {
    let error: unknown;
    try {
      parseFleetArguments('fleet-x', USAGE, argv, {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CommandError);
    expect((error as Error).message.startsWith(message)).toBe(true);
    expect((error as Error).message.endsWith(`\n${USAGE}`)).toBe(true);
  });
});
