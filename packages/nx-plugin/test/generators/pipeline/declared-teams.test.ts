import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { declaredTeams } from '../../../src/generators/pipeline/declared-teams';

describe('declaredTeams', () => {
  test('declaredTeams - the team names of the tree\'s stacks/access/teams.ts, sorted, type imports and quoted names included', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write(
      'stacks/access/teams.ts',
      "import type { AccessConfig } from './src/access-config';\n\n// Teams.\nexport const access: AccessConfig = {\n" +
        "  teams: {\n    'orders-team': { owner: '@o', alerts: { dev: { slackChannelId: 'C07ORDERSDV' } } },\n    analytics: { owner: '@a', read: [] },\n  },\n};\n",
    );
    expect(declaredTeams(tree, 'orders-feed')).toEqual(['analytics', 'orders-team']);
  });

  test('declaredTeams - undefined in a workspace without the file', () => {
    expect(declaredTeams(createTreeWithEmptyWorkspace(), 'orders-feed')).toBeUndefined();
  });

  test('declaredTeams - throws, saying why, when the file cannot be evaluated or exports no teams', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('stacks/access/teams.ts', 'export const access = { teams: ');
    expect(() => declaredTeams(tree, 'orders-feed')).toThrow(/^pipeline "orders-feed": stacks\/access\/teams\.ts could not be read for its teams \(/);
    tree.write('stacks/access/teams.ts', 'export const teams = {};\n');
    expect(() => declaredTeams(tree, 'orders-feed')).toThrow(
      'pipeline "orders-feed": stacks/access/teams.ts could not be read for its teams (it exports no `access` with `teams`); fix it, then run the generator again.',
    );
  });
});
