import { StandardEtlError } from '../src/errors';
import type { PipelineConfig } from '../src/pipeline-config';
import { missedRunWindowProblem } from '../src/resolve-config';
import { NAME, SCHEDULED, SERVICE, synthPipeline, type FixtureConfig } from './pipeline-fixture';

const AT = `pipeline "${NAME}" (${NAME}-dev/Pipeline): `;

/** The error the configuration is refused with (it must be refused with a StandardEtlError). */
function refusal(config: FixtureConfig, options: { name?: string; environment?: string } = {}): StandardEtlError {
  try {
    synthPipeline(config, options);
  } catch (error) {
    expect(error).toBeInstanceOf(StandardEtlError);
    return error as StandardEtlError;
  }
  throw new Error('the configuration was accepted');
}

describe('resolvePipelineConfig - names', () => {
  test('resolvePipelineConfig - throws on upper-case letters', () => {
    const error = refusal(SERVICE, { name: 'Ticketing' });
    expect(error.message).toBe(
      'pipeline "Ticketing" (Ticketing-dev/Pipeline): name is "Ticketing"; it has upper-case letters. A pipeline name is 2 or more ' +
        'lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or digit ' +
        '(it comes from the folder: rename pipelines/Ticketing).',
    );
    expect(error).toMatchObject({ pipeline: 'Ticketing', constructPath: 'Ticketing-dev/Pipeline', field: 'name' });
  });

  test('resolvePipelineConfig - throws on characters outside a-z, 0-9 and "-"', () => {
    expect(refusal(SERVICE, { name: 'shop_ify.v2' }).message).toContain('name is "shop_ify.v2"; it has characters other than a-z, 0-9 and "-" ("_.")');
  });

  test('resolvePipelineConfig - throws on a leading digit, a doubled or trailing hyphen, one character', () => {
    expect(refusal(SERVICE, { name: '9lives' }).message).toContain('name is "9lives"; it does not start with a letter');
    expect(refusal(SERVICE, { name: 'a--b' }).message).toContain('name is "a--b"; it has a doubled or trailing hyphen');
    expect(refusal(SERVICE, { name: 'ab-' }).message).toContain('name is "ab-"; it has a doubled or trailing hyphen');
    expect(refusal(SERVICE, { name: 'a' }).message).toContain('name is "a"; it is shorter than 2 characters');
  });

  test('resolvePipelineConfig - throws on the reserved name shared', () => {
    expect(refusal(SERVICE, { name: 'shared' }).message).toBe(
      'pipeline "shared" (shared-dev/Pipeline): name is "shared"; "shared" is reserved for the platform\'s own stack; rename pipelines/shared.',
    );
  });

  test('resolvePipelineConfig - throws on the reserved name ci, the CI stack project', () => {
    expect(refusal(SERVICE, { name: 'ci' }).message).toBe(
      'pipeline "ci" (ci-dev/Pipeline): name is "ci"; "ci" is reserved for the platform\'s own stack; rename pipelines/ci.',
    );
  });

  test('resolvePipelineConfig - throws when a derived name exceeds its AWS limit, with the longest name that fits', () => {
    const name = 'a'.repeat(44);
    expect(refusal(SERVICE, { name }).message).toBe(
      `pipeline "${name}" (${name}-dev/Pipeline): name is "${name}"; the EventBridge rule name derived from it, "dp-${name}-dev-deploy-failed", ` +
        `would be 65 characters and AWS allows at most 64; use a name of at most 43 characters (rename pipelines/${name}).`,
    );
    expect(() => synthPipeline(SERVICE, { name: 'a'.repeat(43) })).not.toThrow();
    // prod is one character longer than dev: one character less fits.
    expect(refusal(SERVICE, { name: 'a'.repeat(43), environment: 'prod' }).message).toContain('use a name of at most 42 characters');
  });
});

describe('resolvePipelineConfig - owner', () => {
  test('resolvePipelineConfig - the owner is resolved as given, the same in every environment', () => {
    expect(synthPipeline({ ...SERVICE, owner: 'orders-team' }).stack.pipeline.pipeline.owner).toBe('orders-team');
    expect(synthPipeline({ ...SERVICE, owner: 'orders-team' }, { environment: 'prod' }).stack.pipeline.pipeline.owner).toBe('orders-team');
  });

  test('resolvePipelineConfig - throws on a pipeline without owner, with the fix', () => {
    expect(refusal({ ...SERVICE, owner: undefined }).message).toBe(
      `${AT}owner is undefined; every pipeline names the team that owns it, a team of stacks/access/teams.ts, e.g. owner: "orders-team"; ` +
        'its alerts go to that team\'s destination. Add the team to stacks/access/teams.ts first if it is not there.',
    );
  });

  test.each(['Orders Team', '', 'orders_team', 42])('resolvePipelineConfig - throws on an owner that cannot be a team name: %p', (owner) => {
    expect(refusal({ ...SERVICE, owner } as unknown as PipelineConfig).message).toBe(
      `${AT}owner is ${JSON.stringify(owner)}; expected the name of a team of stacks/access/teams.ts: lowercase letters, digits and single hyphens, ` +
        'starting with a letter, at most 30 characters, e.g. "orders-team".',
    );
  });

  test('resolvePipelineConfig - throws on an owner per environment: a pipeline has one owner', () => {
    expect(refusal({ ...SERVICE, overrides: { prod: { owner: 'analytics' } } } as unknown as PipelineConfig).message).toMatch(
      new RegExp(`^${escape(AT)}overrides\\.prod\\.owner is not a pipeline setting`),
    );
  });
});

describe('resolvePipelineConfig - fields', () => {
  test('resolvePipelineConfig - throws on a misspelt setting (main.ts is not type-checked at synth)', () => {
    const error = refusal({ ...SERVICE, memoryMib: 512 } as unknown as PipelineConfig);
    expect(error.message).toMatch(new RegExp(`^${escape(AT)}memoryMib is not a pipeline setting; known settings are owner, mode, datasets, overrides, after, onData, concurrency, freshWithinHours, cpu, memoryMiB, `));
  });

  test('resolvePipelineConfig - throws on an unknown mode', () => {
    expect(refusal({ mode: 'cron' } as unknown as PipelineConfig).message).toBe(
      `${AT}mode is "cron"; expected "service" (always on, restarted when it stops) or "job" (runs to completion: on its schedule, after its upstreams or on data; "schedule" is its older name).`,
    );
  });

  test('resolvePipelineConfig - throws on a setting of the other mode', () => {
    expect(refusal({ ...SERVICE, retries: 3 }).message).toBe(
      `${AT}retries is 3; it applies to job mode only and this pipeline runs in service mode; remove it.`,
    );
    expect(refusal({ ...SCHEDULED, overrides: { dev: { desiredCount: 2 } } }).message).toBe(
      `${AT}overrides.dev.desiredCount is 2; it applies to service mode only and this pipeline runs in job mode; remove it.`,
    );
  });

  test('resolvePipelineConfig - throws on overrides of an unknown environment', () => {
    expect(refusal({ ...SERVICE, overrides: { production: { cpu: 512 } } }).message).toBe(
      `${AT}overrides.production is "production"; overrides are keyed by environment: "dev", "prod".`,
    );
  });
});

describe('resolvePipelineConfig - task size', () => {
  test('resolvePipelineConfig - throws on a cpu/memory pair Fargate does not offer (ARM64, the default)', () => {
    expect(refusal({ ...SERVICE, cpu: 256, memoryMiB: 4096 }).message).toBe(
      `${AT}cpu/memoryMiB is {"cpu":256,"memoryMiB":4096}; Fargate (ARM64) does not offer this pair; it offers cpu 256 with memoryMiB 512, 1024, 2048.`,
    );
  });

  test('resolvePipelineConfig - throws on a cpu/memory pair Fargate does not offer (X86_64), naming the allowed range', () => {
    expect(refusal({ ...SERVICE, cpu: 2048, memoryMiB: 2048, architecture: 'X86_64' }).message).toBe(
      `${AT}cpu/memoryMiB is {"cpu":2048,"memoryMiB":2048}; Fargate (X86_64) does not offer this pair; it offers cpu 2048 with memoryMiB 4096 to 16384 in steps of 1024.`,
    );
  });

  test('resolvePipelineConfig - throws on a cpu value Fargate does not offer, listing every size', () => {
    const message = refusal({ ...SERVICE, cpu: 300 }).message;
    expect(message).toContain(`${AT}cpu/memoryMiB is {"cpu":300,"memoryMiB":512}; Fargate (ARM64) does not offer this pair; it offers cpu 256 with`);
    expect(message).toContain('cpu 16384 with memoryMiB 32768 to 122880 in steps of 8192.');
  });

  test('resolvePipelineConfig - names the override an invalid size comes from', () => {
    expect(refusal({ ...SERVICE, overrides: { dev: { memoryMiB: 3000 } } }).message).toContain('overrides.dev.cpu/memoryMiB is {"cpu":256,"memoryMiB":3000}');
  });

  test('resolvePipelineConfig - throws on an unknown architecture', () => {
    expect(refusal({ ...SERVICE, architecture: 'arm' as unknown as 'ARM64' }).message).toBe(
      `${AT}architecture is "arm"; expected "ARM64" (the default, cheaper) or "X86_64".`,
    );
  });
});

describe('resolvePipelineConfig - variables and secrets', () => {
  test.each(['DB_PASSWORD', 'CLIENT_SECRET', 'GITHUB_TOKEN', 'PARTNER_API_KEY', 'aws_like_access_key_id'])(
    'resolvePipelineConfig - throws on a plain variable named like a secret: %s',
    (name) => {
      const error = refusal({ ...SERVICE, variables: { [name]: 'x' } });
      const field = `variables.${name}`;
      if (name.startsWith('aws_')) {
        expect(error.message).toContain(`${field} is "${name}"; a plain variable named like a secret (it contains "ACCESS_KEY")`);
      } else {
        expect(error.message).toMatch(new RegExp(`^${escape(AT)}${field} is "${name}"; a plain variable named like a secret \\(it contains "[A-Z_]+"\\)`));
      }
      expect(error.message).toContain(
        'store the value in SSM Parameter Store as a SecureString (or in Secrets Manager) and list its name under secrets',
      );
    },
  );

  test.each([
    ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX', 'a Slack webhook URL'],
    ['postgres://etl:hunter2@db.internal:5432/lake', 'a URL with a password in it'],
    ['Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpL', 'a random key (long, high-entropy text)'],
  ])('resolvePipelineConfig - throws on a plain variable whose value looks like a credential, without echoing it: %s', (value, kind) => {
    const error = refusal({ ...SERVICE, variables: { SOURCE: value } });
    expect(error.message).toBe(
      `${AT}variables.SOURCE holds a value that looks like ${kind} (not shown); a plain variable ends up in the task definition and the Terraform state. ` +
        'Store it in SSM Parameter Store as a SecureString (or in Secrets Manager) and list its name under secrets.',
    );
    expect(error.message).not.toContain(value);
  });

  test('resolvePipelineConfig - ordinary values pass: URLs, numbers, prefixes, UUIDs', () => {
    expect(() =>
      synthPipeline({
        ...SERVICE,
        variables: { API_BASE_URL: 'https://api.example.com/v2', LOOP_INTERVAL: '300', OUT: 'a/b/', RUN_ID: '123e4567-e89b-12d3-a456-426614174000' },
      }),
    ).not.toThrow();
  });

  test('resolvePipelineConfig - throws on the same name in variables and secrets', () => {
    expect(refusal({ ...SERVICE, variables: { API_URL: 'https://x.example.com' }, secrets: { API_URL: 'api-url' } }).message).toBe(
      `${AT}variables.API_URL is "API_URL"; "API_URL" is also under secrets; a name is either a plain variable or a secret, remove one.`,
    );
  });

  test('resolvePipelineConfig - throws on a secret given as a value instead of a parameter name', () => {
    const error = refusal({ ...SERVICE, secrets: { SHOPIFY_TOKEN: `shpat_${'a1b2'.repeat(8)}` } });
    expect(error.message).toBe(
      `${AT}secrets.SHOPIFY_TOKEN looks like a Shopify access token (not shown), not the name of an SSM parameter or a Secrets Manager secret; ` +
        'secrets take the name, never the value. Put the value in SSM Parameter Store as a SecureString (or in Secrets Manager) and write its name here.',
    );
  });

  test('resolvePipelineConfig - throws on a Secrets Manager secret given as a value instead of a name, without echoing it', () => {
    const value = `shpat_${'a1b2'.repeat(8)}`;
    const error = refusal({ ...SERVICE, secrets: { SHOPIFY_TOKEN: { secretsManager: value } } });
    expect(error.message).toBe(
      `${AT}secrets.SHOPIFY_TOKEN.secretsManager looks like a Shopify access token (not shown), not the name of an SSM parameter or a Secrets Manager secret; ` +
        'secrets take the name, never the value. Put the value in SSM Parameter Store as a SecureString (or in Secrets Manager) and write its name here.',
    );
    expect(error.message).not.toContain(value);
  });

  test('resolvePipelineConfig - throws on a Secrets Manager JSON key that is a value, without echoing it', () => {
    const value = 'Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpL';
    const error = refusal({ ...SERVICE, secrets: { DB_PASSWORD: { secretsManager: 'orders-db', key: value } } });
    expect(error.message).toBe(
      `${AT}secrets.DB_PASSWORD.key looks like a random key (long, high-entropy text) (not shown), not the name of an SSM parameter or a Secrets Manager secret; ` +
        'secrets take the name, never the value. Put the value in SSM Parameter Store as a SecureString (or in Secrets Manager) and write its name here.',
    );
  });

  test('resolvePipelineConfig - a Secrets Manager secret resolves under the pipeline\'s own path, or from the root after "/"', () => {
    const { stack } = synthPipeline({
      ...SERVICE,
      secrets: {
        DB_PASSWORD: { secretsManager: 'orders-db', key: 'password' },
        PARTNER_CREDENTIALS: { secretsManager: '/partners/acme' },
        API_KEY: 'api-key',
      },
    });
    const prefix = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:';
    expect(stack.pipeline.pipeline.secrets).toEqual([
      {
        store: 'ssm',
        name: 'API_KEY',
        parameterName: `/data-platform/dev/pipelines/${NAME}/api-key`,
        parameterArn: `arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/pipelines/${NAME}/api-key`,
        valueFrom: `arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/pipelines/${NAME}/api-key`,
      },
      {
        store: 'secretsManager',
        name: 'DB_PASSWORD',
        secretName: `data-platform/dev/pipelines/${NAME}/orders-db`,
        jsonKey: 'password',
        secretArnPattern: `${prefix}data-platform/dev/pipelines/${NAME}/orders-db-??????`,
        valueFrom: `${prefix}data-platform/dev/pipelines/${NAME}/orders-db:password::`,
      },
      {
        store: 'secretsManager',
        name: 'PARTNER_CREDENTIALS',
        secretName: 'partners/acme',
        secretArnPattern: `${prefix}partners/acme-??????`,
        valueFrom: `${prefix}partners/acme`,
      },
    ]);
  });

  test('resolvePipelineConfig - throws on a Secrets Manager secret name Secrets Manager does not accept', () => {
    expect(refusal({ ...SERVICE, secrets: { DB_PASSWORD: { secretsManager: 'orders db', key: 'password' } } }).message).toBe(
      `${AT}secrets.DB_PASSWORD.secretsManager is "orders db"; expected a Secrets Manager secret name: a name relative to the pipeline's own path ` +
        '(e.g. "orders-db", read from data-platform/<env>/pipelines/<name>/orders-db) or a name from the root after a leading "/" ' +
        '(e.g. "/team/orders-db", the secret team/orders-db), of letters, digits and /_+=.@- (at most 512 characters).',
    );
  });

  test('resolvePipelineConfig - throws on a Secrets Manager secret name that ends like an ARN suffix', () => {
    expect(refusal({ ...SERVICE, secrets: { DB_PASSWORD: { secretsManager: 'orders-AbCdEf', key: 'password' } } }).message).toBe(
      `${AT}secrets.DB_PASSWORD.secretsManager is "orders-AbCdEf"; a secret name ending with "-" and six characters reads like the random suffix ` +
        'Secrets Manager adds to every secret\'s ARN, so ECS and IAM could match another secret; rename the secret (e.g. "-" and more or fewer characters at the end).',
    );
  });

  test('resolvePipelineConfig - throws on a Secrets Manager JSON key ECS cannot select', () => {
    expect(refusal({ ...SERVICE, secrets: { DB_PASSWORD: { secretsManager: 'orders-db', key: 'db:password' } } }).message).toBe(
      `${AT}secrets.DB_PASSWORD.key is "db:password"; expected the key of a top-level field of the secret's JSON value (e.g. "password"): ` +
        '1 to 256 letters, digits or _.@+=-; leave key out to inject the whole value.',
    );
  });

  test('resolvePipelineConfig - throws on a misspelt field of a Secrets Manager secret', () => {
    expect(refusal({ ...SERVICE, secrets: { DB_PASSWORD: { secretsManager: 'orders-db', jsonKey: 'password' } as never } }).message).toBe(
      `${AT}secrets.DB_PASSWORD.jsonKey is not a pipeline setting; known settings are secretsManager, key.`,
    );
  });

  test('resolvePipelineConfig - throws on a parameter name SSM does not accept', () => {
    expect(refusal({ ...SERVICE, secrets: { KEY: 'api key' } }).message).toContain(`${AT}secrets.KEY is "api key"; expected an SSM parameter name`);
  });

  test('resolvePipelineConfig - throws on variables the platform sets itself or that belong to AWS', () => {
    expect(refusal({ ...SERVICE, variables: { LAKE_BUCKET: 'mine' } }).message).toBe(
      `${AT}variables.LAKE_BUCKET is "LAKE_BUCKET"; the platform sets PIPELINE_NAME, ENVIRONMENT, LAKE_BUCKET, LAKE_PREFIX, LAKE_DATASETS, LAKE_DIR itself (and AWS_* / ECS_* names are AWS's); choose another name.`,
    );
    expect(refusal({ ...SERVICE, variables: { AWS_REGION: 'us-east-1' } }).message).toContain('variables.AWS_REGION is "AWS_REGION"; the platform sets');
    expect(refusal({ ...SERVICE, variables: { '1X': 'y' } }).message).toContain('variables.1X is "1X"; expected an environment variable name');
  });

  test('resolvePipelineConfig - names the override a bad variable comes from', () => {
    expect(refusal({ ...SERVICE, overrides: { dev: { variables: { DB_PASSWORD: 'x' } } } }).message).toContain(
      'overrides.dev.variables.DB_PASSWORD is "DB_PASSWORD"',
    );
  });
});

describe('resolvePipelineConfig - schedule', () => {
  test('resolvePipelineConfig - throws when a job has no trigger', () => {
    const message =
      `${AT}schedule is undefined; a job needs at least one trigger: schedule (e.g. "cron(0 * * * ? *)"), after (e.g. ["shopify-products"]) ` +
      'or onData (e.g. { prefixes: ["partner-drops/orders/"] }).';
    expect(refusal({ mode: 'schedule' }).message).toBe(message);
    expect(refusal({ mode: 'job' }).message).toBe(message);
  });

  test('resolvePipelineConfig - throws on an invalid schedule expression with the reason and both forms', () => {
    expect(refusal({ mode: 'schedule', schedule: 'cron(0 9 * * * *)' }).message).toBe(
      `${AT}schedule is "cron(0 9 * * * *)"; exactly one of day-of-month and day-of-week must be "?" (Scheduler does not combine them); ` +
        'expected "rate(<n> minute|minutes|hour|hours|day|days)" or "cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)" ' +
        'as EventBridge Scheduler reads them, e.g. "rate(1 hour)" or "cron(30 2 * * ? *)".',
    );
    expect(refusal({ mode: 'schedule', schedule: '0 * * * *' }).message).toContain('schedule is "0 * * * *"; it is neither rate(...) nor cron(...);');
  });

  test('resolvePipelineConfig - throws on an invalid time zone', () => {
    expect(refusal({ ...SCHEDULED, timezone: 'Europe/Londres' }).message).toBe(
      `${AT}timezone is "Europe/Londres"; expected an IANA time zone such as "UTC", "Europe/London" or "America/New_York".`,
    );
  });

  test.each([
    [{ retries: 11 }, 'retries is 11; expected a whole number of retries from 0 to 10.'],
    [{ retries: -1 }, 'retries is -1; expected a whole number of retries from 0 to 10.'],
    [{ retries: 1.5 }, 'retries is 1.5; expected a whole number of retries from 0 to 10.'],
    [{ maxRuntimeMinutes: 0 }, 'maxRuntimeMinutes is 0; expected a whole number of minutes (24 hours at most) from 1 to 1440.'],
    [{ maxRuntimeMinutes: 1441 }, 'maxRuntimeMinutes is 1441; expected a whole number of minutes (24 hours at most) from 1 to 1440.'],
  ])('resolvePipelineConfig - throws on retries or runtime out of range: %j', (setting, message) => {
    expect(refusal({ ...SCHEDULED, ...setting }).message).toBe(`${AT}${message}`);
  });

  test('resolvePipelineConfig - throws when the missed-run window exceeds what CloudWatch evaluates', () => {
    expect(refusal({ mode: 'schedule', schedule: 'cron(0 6 1 * ? *)' }).message).toBe(
      `${AT}missedRunPeriods is 2; the schedule runs up to 31 day(s) apart, and 2 such periods exceed seven days, the longest a CloudWatch alarm evaluates; ` +
        'lower missedRunPeriods, or set it to 0 to turn the missed-run alarm off.',
    );
    expect(refusal({ mode: 'schedule', schedule: 'rate(30 minutes)', missedRunPeriods: 49 }).message).toContain(
      'exceed one day, the longest a CloudWatch alarm with periods under an hour evaluates',
    );
    expect(() => synthPipeline({ mode: 'schedule', schedule: 'cron(0 6 1 * ? *)', missedRunPeriods: 0 })).not.toThrow();
  });
});

describe('resolvePipelineConfig - data lake', () => {
  test('resolvePipelineConfig - throws on a prefix outside its own without an explanation', () => {
    expect(refusal({ ...SERVICE, lake: { read: ['shopify-products/raw/'] } }).message).toBe(
      `${AT}lake.read[0] is "shopify-products/raw/"; it is outside the pipeline's own prefix "${NAME}/"; ` +
        'if that is intended, say why in lake.outsideOwnPrefix: { reason: "..." } so that the review sees it.',
    );
    expect(refusal({ ...SERVICE, lake: { write: [`${NAME}/`, 'shared/'] } }).message).toContain('lake.write[1] is "shared/"; it is outside');
  });

  test('resolvePipelineConfig - a prefix written ./state/ is under its own prefix, whatever the folder is called', () => {
    const { stack } = synthPipeline({ ...SERVICE, lake: { write: ['./state/'] } });
    expect(stack.pipeline.pipeline.lake.write).toEqual([`${NAME}/state/`]);
    expect(refusal({ ...SERVICE, lake: { write: ['./../x/'] } }).message).toContain(`${AT}lake.write[0] is "./../x/"; expected a data-lake prefix`);
  });

  test('resolvePipelineConfig - a prefix that merely starts like its own name is outside it', () => {
    expect(refusal({ ...SERVICE, lake: { write: [`${NAME}-archive/`] } }).message).toContain(`lake.write[0] is "${NAME}-archive/"; it is outside`);
  });

  test('resolvePipelineConfig - throws on an empty explanation', () => {
    expect(refusal({ ...SERVICE, lake: { read: ['x/'], outsideOwnPrefix: { reason: ' ' } } }).message).toBe(
      `${AT}lake.outsideOwnPrefix.reason is " "; expected a sentence saying why (it is what a reviewer reads).`,
    );
  });

  test.each(['raw', '/raw/', 'raw/*/', '../other/', `${NAME}/./x/`, ''])('resolvePipelineConfig - throws on a malformed prefix %j', (prefix) => {
    expect(refusal({ ...SERVICE, lake: { write: [prefix] } }).message).toContain(`${AT}lake.write[0] is ${JSON.stringify(prefix)}; expected a data-lake prefix`);
  });
});

describe('resolvePipelineConfig - other settings', () => {
  test('resolvePipelineConfig - throws on a log retention CloudWatch does not offer', () => {
    expect(refusal({ ...SERVICE, logRetentionDays: 45 }).message).toContain(
      `${AT}logRetentionDays is 45; expected one of the retention periods CloudWatch Logs offers: 1, 3, 5, 7, 14, 30, 60, 90,`,
    );
  });

  test.each(['root', '0', '0:0', 'root:staff'])('resolvePipelineConfig - throws on running as root: %j', (user) => {
    expect(refusal({ ...SERVICE, user }).message).toBe(
      `${AT}user is ${JSON.stringify(user)}; expected a non-root user as "uid", "uid:gid" or a user name other than root, e.g. "10001:10001".`,
    );
  });

  test('resolvePipelineConfig - throws on a stop timeout Fargate does not allow', () => {
    expect(refusal({ ...SERVICE, stopTimeoutSeconds: 300 }).message).toBe(`${AT}stopTimeoutSeconds is 300; expected a whole number of seconds from 2 to 120.`);
  });

  test('resolvePipelineConfig - throws on a desired count out of range', () => {
    expect(refusal({ ...SERVICE, desiredCount: 11 }).message).toBe(`${AT}desiredCount is 11; expected a whole number of tasks from 0 to 10.`);
  });
});

describe('resolvePipelineConfig - extra statements', () => {
  const statement = {
    sid: 'ReadPartnerDrop',
    actions: ['s3:GetObject'],
    resources: ['arn:aws:s3:::partner-drop/*'],
    reason: 'The partner drops a daily file.',
    reviewedBy: '@acme-data/platform in PR #128',
  };

  test('resolvePipelineConfig - throws on a statement without a reviewer or a reason', () => {
    expect(refusal({ ...SERVICE, extraStatements: [{ ...statement, reviewedBy: '' }] }).message).toBe(
      `${AT}extraStatements[0].reviewedBy is ""; name who approved it and where, e.g. "@acme-data/platform in PR #128".`,
    );
    expect(refusal({ ...SERVICE, extraStatements: [{ ...statement, reason: '' }] }).message).toContain('extraStatements[0].reason is ""; say why');
  });

  test('resolvePipelineConfig - throws on wildcard actions and on IAM or STS actions', () => {
    expect(refusal({ ...SERVICE, extraStatements: [{ ...statement, actions: ['s3:*'] }] }).message).toBe(
      `${AT}extraStatements[0].actions is "s3:*"; expected an exact action "service:Action"; wildcards are not allowed in extra statements.`,
    );
    expect(refusal({ ...SERVICE, extraStatements: [{ ...statement, actions: ['iam:PassRole'] }] }).message).toContain(
      'extraStatements[0].actions is "iam:PassRole"; iam, sts, organizations actions would let the pipeline change its own permissions',
    );
  });

  test('resolvePipelineConfig - throws on a "*" resource without a condition', () => {
    expect(refusal({ ...SERVICE, extraStatements: [{ ...statement, resources: ['*'] }] }).message).toBe(
      `${AT}extraStatements[0].resources is "*"; expected an ARN ("arn:..."), or "*" together with a condition that narrows it.`,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

describe('resolvePipelineConfig - what the cost estimate reads', () => {
  test('resolvePipelineConfig - expectedRuntimeMinutes, expectedRunsPerMonth and expectedLogGBPerMonth are kept as declared', () => {
    const { pipeline } = synthPipeline({ ...SCHEDULED, maxRuntimeMinutes: 30, expectedRuntimeMinutes: 4, expectedRunsPerMonth: 100, expectedLogGBPerMonth: 0.2 }).stack.pipeline;
    expect(pipeline).toMatchObject({ expectedRuntimeMinutes: 4, expectedRunsPerMonth: 100, expectedLogGBPerMonth: 0.2 });
    expect(synthPipeline(SCHEDULED).stack.pipeline.pipeline.expectedRuntimeMinutes).toBeUndefined();
  });

  test('resolvePipelineConfig - throws on an expectedRuntimeMinutes above maxRuntimeMinutes', () => {
    expect(refusal({ ...SCHEDULED, maxRuntimeMinutes: 30, expectedRuntimeMinutes: 45 }).message).toBe(
      `${AT}expectedRuntimeMinutes is 45; expected a whole number of minutes (at most maxRuntimeMinutes) from 1 to 30.`,
    );
  });

  test('resolvePipelineConfig - throws on expectedRunsPerMonth for a service', () => {
    expect(refusal({ ...SERVICE, expectedRunsPerMonth: 10 }).message).toBe(
      `${AT}expectedRunsPerMonth is 10; it applies to job mode only and this pipeline runs in service mode; remove it.`,
    );
  });

  test('resolvePipelineConfig - throws on a negative expectedLogGBPerMonth', () => {
    expect(refusal({ ...SERVICE, overrides: { dev: { expectedLogGBPerMonth: -1 } } }).message).toBe(
      `${AT}overrides.dev.expectedLogGBPerMonth is -1; expected a number of GB a month from 0 to 10000.`,
    );
  });
});

describe('missedRunWindowProblem', () => {
  test('missedRunWindowProblem - none for windows CloudWatch watches, and for 0 periods', () => {
    expect(missedRunWindowProblem(2, 3_600)).toBeUndefined();
    expect(missedRunWindowProblem(1, 7 * 86_400)).toBeUndefined();
    expect(missedRunWindowProblem(0, 31 * 86_400)).toBeUndefined();
  });

  test('missedRunWindowProblem - says which limit a window exceeds', () => {
    expect(missedRunWindowProblem(2, 7 * 86_400)).toEqual({ periodSeconds: 7 * 86_400, why: 'exceed seven days, the longest a CloudWatch alarm evaluates' });
    expect(missedRunWindowProblem(49, 1_800)?.why).toBe('exceed one day, the longest a CloudWatch alarm with periods under an hour evaluates');
  });
});
