import { environments } from '@data-platform/config';
import type { PreTasksExecutionContext } from '@nx/devkit';
import { optionsNxTakes, preTasksExecution, requestedConfigurations } from '../src/command-line-guard';
import { TargetError } from '../src/errors';
import * as plugin from '../src/plugin';

const ENVS = Object.keys(environments);

/** What Nx hands the hook: its own argv, node and the nx bin first. */
function context(...args: string[]): PreTasksExecutionContext {
  return { id: 'run-1', workspaceRoot: '/workspace', nxJsonConfiguration: {}, argv: ['/usr/bin/node', '/workspace/node_modules/nx/bin/nx.js', ...args] };
}

describe('requestedConfigurations', () => {
  test('requestedConfigurations - -c and --configuration, with the value apart, after = or attached', () => {
    expect(requestedConfigurations(['run', 'orders:deploy', '-c', 'prod'])).toEqual(['prod']);
    expect(requestedConfigurations(['run-many', '-t', 'validate', '--configuration', 'prod'])).toEqual(['prod']);
    expect(requestedConfigurations(['affected', '-t', 'plan', '--configuration=prd'])).toEqual(['prd']);
    expect(requestedConfigurations(['run', 'orders:deploy', '-c=prd'])).toEqual(['prd']);
    expect(requestedConfigurations(['run', 'orders:deploy', '-cprd'])).toEqual(['prd']);
  });

  test('requestedConfigurations - the configuration part of project:target:configuration, and --prod as Nx reads it (production)', () => {
    expect(requestedConfigurations(['run', 'orders:deploy:prd'])).toEqual(['prd']);
    expect(requestedConfigurations(['orders:deploy:prod'])).toEqual(['prod']);
    expect(requestedConfigurations(['run', 'orders:deploy', '--prod'])).toEqual(['production']);
  });

  test('requestedConfigurations - none without -c, and nothing after --, which is the command\'s own', () => {
    expect(requestedConfigurations(['run', 'orders:deploy'])).toEqual([]);
    expect(requestedConfigurations(['run', 'orders:logs', '-c', 'dev', '--', '-c', 'x', '--run', 'schedule-20261201T1000Z-20261201T1100Z'])).toEqual(['dev']);
    expect(requestedConfigurations(['run', 'orders:deploy', '-c', 'dev', '--', '--break-glass', 'INC-1: a:b:c'])).toEqual(['dev']);
  });
});

describe('optionsNxTakes', () => {
  test('optionsNxTakes - the options of Nx\'s run-commands executor given after --, as written, whatever their form', () => {
    expect(optionsNxTakes(['run', 'x:backfill', '--', '--from', '2026-11-01', '--parallel', '2'])).toEqual(['--parallel']);
    expect(optionsNxTakes(['run', 'x:deploy', '--', '--env=prod', '--no-color', '--ready-when', 'x', '--readyWhen'])).toEqual(['--env=prod', '--no-color', '--ready-when', '--readyWhen']);
  });

  test('optionsNxTakes - none before --, none among the command\'s own, none inside a value', () => {
    expect(optionsNxTakes(['run-many', '-t', 'backfill', '--parallel', '3'])).toEqual([]);
    expect(optionsNxTakes(['run', 'x:backfill', '--', '--concurrency', '2', '--dry-run', '--environment-note'])).toEqual([]);
    expect(optionsNxTakes(['run', 'x:deploy', '--', '--break-glass', '--env is not mine'])).toEqual([]);
  });
});

describe('preTasksExecution', () => {
  test('preTasksExecution - is the plugin\'s hook, which Nx calls before running any task', () => {
    expect(plugin.preTasksExecution).toBe(preTasksExecution);
  });

  test('preTasksExecution - lets every environment through, and a command line without -c', async () => {
    for (const env of ENVS) await expect(Promise.resolve(preTasksExecution(undefined, context('run', 'orders:deploy', '-c', env)))).resolves.toBeUndefined();
    await expect(Promise.resolve(preTasksExecution(undefined, context('run-many', '-t', 'validate')))).resolves.toBeUndefined();
  });

  test('preTasksExecution - throws for a configuration that is not an environment, naming the command line and the environments', () => {
    expect(() => preTasksExecution(undefined, context('run', 'orders-feed:deploy', '-c', 'prd'))).toThrow(TargetError);
    expect(() => preTasksExecution(undefined, context('run', 'orders-feed:deploy', '-c', 'prd'))).toThrow(
      'nx run orders-feed:deploy -c prd: configuration "prd" is not an environment; the environments are dev, prod ' +
        '(packages/config/src/environments.ts): pass -c dev or -c prod, or no -c for dev. Nothing was run.',
    );
  });

  test('preTasksExecution - throws for an option after -- that Nx would take for itself, saying what to write instead', () => {
    expect(() => preTasksExecution(undefined, context('run', 'orders-feed:backfill', '-c', 'dev', '--', '--parallel', '2'))).toThrow(
      "nx run orders-feed:backfill -c dev -- --parallel 2: --parallel after -- is an option of Nx's run-commands executor, which Nx takes for itself: " +
        'the command would never see it. Backfill takes --concurrency <N> (runs at once). Nothing was run.',
    );
    expect(() => preTasksExecution(undefined, context('run', 'orders-feed:deploy', '--', '--env', 'prod'))).toThrow(
      '--env after -- is an option of Nx\'s run-commands executor, which Nx takes for itself: the command would never see it. ' +
        'The environment is chosen with -c <env>, before --. Nothing was run.',
    );
    expect(() => preTasksExecution(undefined, context('run', 'orders-feed:logs', '--', '--cwd', '/tmp'))).toThrow(
      '--cwd after -- is an option of Nx\'s run-commands executor, which Nx takes for itself: the command would never see it. ' +
        'No command of the platform takes it. Nothing was run.',
    );
  });
});
