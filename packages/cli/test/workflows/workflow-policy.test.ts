import {
  defaultPermissionViolations,
  oidcViolations,
  pinViolations,
  policyViolations,
  pullRequestTargetViolations,
  schemaErrors,
  scriptInjectionViolations,
  storedKeyViolations,
  type WorkflowResolver,
} from './workflow-policy';

const CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2';
const CONFIGURE = 'aws-actions/configure-aws-credentials@b47578312673ae6fa5b5096b330d9fbac3d116df # v4.2.1';

/** A workflow that follows every rule: the base each noncompliant case breaks in one place. */
const COMPLIANT = `
name: example
on:
  pull_request:
permissions: {}
jobs:
  plan:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: ${CHECKOUT}
      - uses: ${CONFIGURE}
        with:
          role-to-assume: arn:aws:iam::111111111111:role/data-platform-planner-dev
          aws-region: eu-west-1
      - env:
          TITLE: \${{ github.event.pull_request.title }}
        run: echo "$TITLE"
`;

const noResolver: WorkflowResolver = () => undefined;

describe('schemaErrors: the GitHub Actions workflow schema', () => {
  test('schemaErrors - Compliance', () => {
    expect(schemaErrors(COMPLIANT)).toEqual([]);
  });

  test('schemaErrors - Noncompliance 1: a misspelt key and a bad permission level', () => {
    const bad = COMPLIANT.replace('runs-on:', 'runs_on:').replace('id-token: write', 'id-token: admin');
    const errors = schemaErrors(bad);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain('/jobs/plan');
  });
});

describe('pullRequestTargetViolations: no pull_request_target trigger', () => {
  test('pullRequestTargetViolations - Compliance', () => {
    expect(pullRequestTargetViolations(COMPLIANT)).toEqual([]);
  });

  test('pullRequestTargetViolations - Noncompliance 1: as a map key, a list item and a string', () => {
    expect(pullRequestTargetViolations(COMPLIANT.replace('  pull_request:', '  pull_request_target:'))).toHaveLength(1);
    expect(pullRequestTargetViolations(COMPLIANT.replace(/on:\n {2}pull_request:/, 'on: [push, pull_request_target]'))).toHaveLength(1);
    expect(pullRequestTargetViolations(COMPLIANT.replace(/on:\n {2}pull_request:/, 'on: pull_request_target'))).toHaveLength(1);
  });
});

describe('storedKeyViolations: no stored AWS keys', () => {
  test('storedKeyViolations - Compliance', () => {
    expect(storedKeyViolations(COMPLIANT)).toEqual([]);
  });

  test('storedKeyViolations - Noncompliance 1: keys passed to configure-aws-credentials', () => {
    const bad = COMPLIANT.replace(
      '          role-to-assume: arn:aws:iam::111111111111:role/data-platform-planner-dev\n',
      '          aws-access-key-id: ${{ secrets.KEY_ID }}\n          aws-secret-access-key: ${{ secrets.SECRET }}\n',
    );
    expect(storedKeyViolations(bad)).toEqual(['passes aws-access-key-id', 'passes aws-secret-access-key']);
  });

  test('storedKeyViolations - Noncompliance 2: key variables and a literal key id', () => {
    const bad = `${COMPLIANT}        env:\n          AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\n          AWS_SECRET_ACCESS_KEY: \${{ secrets.S }}\n`;
    expect(storedKeyViolations(bad)).toEqual(['names AWS_ACCESS_KEY_ID', 'names AWS_SECRET_ACCESS_KEY', 'holds an AWS access key id']);
  });
});

describe('defaultPermissionViolations: permissions {} at the top, scopes per job', () => {
  test('defaultPermissionViolations - Compliance', () => {
    expect(defaultPermissionViolations(COMPLIANT)).toEqual([]);
  });

  test('defaultPermissionViolations - Noncompliance 1: no top-level permissions', () => {
    expect(defaultPermissionViolations(COMPLIANT.replace('permissions: {}\n', ''))).toEqual([
      'no top-level permissions: the token gets the repository default (often write-all)',
    ]);
  });

  test('defaultPermissionViolations - Noncompliance 2: scopes granted to every job, and write-all', () => {
    expect(defaultPermissionViolations(COMPLIANT.replace('permissions: {}', 'permissions:\n  contents: write'))).toEqual([
      'top-level permissions are {"contents":"write"}, expected {}',
    ]);
    const writeAll = COMPLIANT.replace(/ {4}permissions:\n {6}contents: read\n {6}id-token: write\n/, '    permissions: write-all\n');
    expect(defaultPermissionViolations(writeAll)).toEqual(['job plan: permissions "write-all"; list each scope it needs']);
  });
});

describe('pinViolations: actions pinned to a commit or a full version', () => {
  test('pinViolations - Compliance: commit with its release, full version, local workflow', () => {
    const text = `${COMPLIANT}      - uses: owner/action@v1.2.3\n  call:\n    uses: ./.github/workflows/deploy-stage.yml\n`;
    expect(pinViolations(text)).toEqual([]);
  });

  test('pinViolations - Noncompliance 1: a major tag, a branch, a short commit', () => {
    const text = [
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: owner/action@main',
      "      - uses: 'owner/action@11bd719'",
      '    uses: owner/repo/.github/workflows/x.yml@main',
    ].join('\n');
    expect(pinViolations(text)).toEqual([
      'actions/checkout@v4: not pinned to a full commit SHA or a full version',
      'owner/action@main: not pinned to a full commit SHA or a full version',
      'owner/action@11bd719: not pinned to a full commit SHA or a full version',
      'owner/repo/.github/workflows/x.yml@main: not pinned to a full commit SHA or a full version',
    ]);
  });

  test('pinViolations - Noncompliance 2: a commit without the release it is, a container by tag', () => {
    const text = [
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # latest',
      '      - uses: docker://alpine:3.20',
    ].join('\n');
    expect(pinViolations(text)).toEqual([
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683: pinned to a commit without the release it is (add "# vX.Y.Z")',
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683: pinned to a commit without the release it is (add "# vX.Y.Z")',
      'docker://alpine:3.20: a container action must be pinned by digest',
    ]);
  });
});

describe('oidcViolations: id-token: write only where a role is assumed', () => {
  test('oidcViolations - Compliance', () => {
    expect(oidcViolations(COMPLIANT, noResolver)).toEqual([]);
  });

  test('oidcViolations - Noncompliance 1: id-token granted to a job that assumes no role', () => {
    const bad = COMPLIANT.replace(/ {6}- uses: aws-actions[^\n]*\n {8}with:\n[^\n]*\n[^\n]*\n/, '');
    expect(oidcViolations(bad, noResolver)).toEqual(['job plan: id-token: write but it assumes no role with configure-aws-credentials']);
  });

  test('oidcViolations - Noncompliance 2: credentials without role-to-assume, or without id-token', () => {
    const noRole = COMPLIANT.replace('role-to-assume:', 'role-duration-seconds: 900\n          x:');
    expect(oidcViolations(noRole, noResolver)).toContain('job plan: configure-aws-credentials without role-to-assume');
    const noToken = COMPLIANT.replace('      id-token: write\n', '');
    expect(oidcViolations(noToken, noResolver)).toEqual([
      'job plan: configure-aws-credentials in a job without id-token: write (it would need stored keys)',
    ]);
  });

  test('oidcViolations - Noncompliance 3: id-token passed to a reusable workflow that assumes no role', () => {
    const caller = [
      'permissions: {}',
      'jobs:',
      '  deploy:',
      '    permissions:',
      '      id-token: write',
      '    uses: ./.github/workflows/called.yml',
      '  remote:',
      '    permissions:',
      '      id-token: write',
      '    uses: other/repo/.github/workflows/x.yml@v1.0.0',
    ].join('\n');
    const called = 'on: workflow_call\njobs:\n  a:\n    permissions:\n      id-token: write\n    steps:\n      - run: echo\n';
    expect(oidcViolations(caller, (path) => (path === './.github/workflows/called.yml' ? called : undefined))).toEqual([
      'job deploy: id-token: write for ./.github/workflows/called.yml, which assumes no role',
      'job remote: id-token: write for other/repo/.github/workflows/x.yml@v1.0.0, which cannot be checked here',
    ]);
    expect(oidcViolations(caller.split('\n  remote:')[0], () => COMPLIANT)).toEqual([]);
  });
});

describe('scriptInjectionViolations: values reach scripts through env', () => {
  test('scriptInjectionViolations - Compliance', () => {
    expect(scriptInjectionViolations(COMPLIANT)).toEqual([]);
  });

  test('scriptInjectionViolations - Noncompliance 1: a pull-request title pasted into bash', () => {
    const bad = COMPLIANT.replace('run: echo "$TITLE"', 'run: echo "${{ github.event.pull_request.title }}"');
    expect(scriptInjectionViolations(bad)).toEqual(['job plan, step 2: an expression inside run; pass it through env']);
  });
});

describe('policyViolations: every rule at once', () => {
  test('policyViolations - Noncompliance 1: one workflow breaking every rule reports each', () => {
    const bad = [
      'on: pull_request_target',
      'jobs:',
      '  x:',
      '    runs-on: ubuntu-latest',
      '    permissions:',
      '      id-token: write',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: echo ${{ github.head_ref }}',
      '        env:',
      '          AWS_SECRET_ACCESS_KEY: ${{ secrets.KEY }}',
    ].join('\n');
    const rules = policyViolations(bad, noResolver).map((v) => v.split(':')[0]);
    expect([...new Set(rules)]).toEqual([
      'no pull_request_target',
      'no stored AWS keys',
      'minimal permissions',
      'pinned actions',
      'OIDC',
      'no expression in scripts',
    ]);
  });
});
