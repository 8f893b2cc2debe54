import { GithubIssues } from '../../src/github/github-issues';
import { FakeGithub } from '../support/fake-github';

const github = new FakeGithub();
beforeAll(() => github.start());
afterAll(() => github.stop());

describe('GithubIssues', () => {
  test('GithubIssues - listByLabel reads every page of 100 and leaves pull requests out', async () => {
    for (let i = 0; i < 150; i += 1) github.add({ body: `issue ${i}`, ...(i === 7 ? { pull_request: {} } : {}) });
    github.add({ body: 'other label', labels: ['bug'] });
    const client = new GithubIssues({ repository: 'acme-data/data-platform', token: 't', apiUrl: `${github.url}/` });
    const issues = await client.listByLabel('drift');
    expect(issues).toHaveLength(149);
    expect(github.requests.map((r) => r.path)).toEqual([
      '/repos/acme-data/data-platform/issues?labels=drift&state=all&per_page=100&page=1',
      '/repos/acme-data/data-platform/issues?labels=drift&state=all&per_page=100&page=2',
    ]);
  });
});
