import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Fn } from 'cdktf';
import { coversAction, readPolicyDocument, type PolicyStatement } from '../../src/synthesized/policy-document';
import { StackView } from '../../src/synthesized/stack-view';
import { synthesized, TEST_CONTEXT, testStack } from '../support/harness';

const STATEMENT: PolicyStatement = {
  sid: 'Read',
  effect: 'Allow',
  actions: ['s3:GetObject'],
  notActions: undefined,
  resources: ['arn:aws:s3:::lake/*'],
  notResources: undefined,
  principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
  notPrincipals: undefined,
  conditions: [{ operator: 'StringEquals', key: 'aws:SourceAccount', values: ['111111111111'] }],
};

describe('readPolicyDocument', () => {
  test('readPolicyDocument - reads one statement the same from a data source, jsonencode and JSON.stringify', () => {
    const stack = testStack();
    const fromData = new DataAwsIamPolicyDocument(stack, 'Document', {
      statement: [
        {
          sid: 'Read',
          actions: ['s3:GetObject'],
          resources: ['arn:aws:s3:::lake/*'],
          principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111111111111'] }],
        },
      ],
    });
    const json = {
      Version: '2012-10-17',
      Statement: {
        Sid: 'Read',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::lake/*',
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      },
    };
    new IamPolicy(stack, 'Data', { policy: fromData.json });
    new IamPolicy(stack, 'Encoded', { policy: Fn.jsonencode(json) });
    new IamPolicy(stack, 'Stringified', { policy: JSON.stringify(json) });
    const view = new StackView(synthesized(stack), TEST_CONTEXT);
    for (const name of ['Data', 'Encoded', 'Stringified']) {
      const read = readPolicyDocument(view.block(`aws_iam_policy.${name}`)!.config.policy, name, view);
      expect(read).toMatchObject({ ok: true, document: { statements: [STATEMENT] } });
    }
  });

  test('readPolicyDocument - includes source documents of a data source', () => {
    const stack = testStack();
    const base = new DataAwsIamPolicyDocument(stack, 'Base', { statement: [{ sid: 'Base', actions: ['sqs:SendMessage'], resources: ['*'] }] });
    const extended = new DataAwsIamPolicyDocument(stack, 'Extended', {
      sourcePolicyDocuments: [base.json],
      statement: [{ sid: 'More', effect: 'Deny', actions: ['s3:*'], resources: ['*'] }],
    });
    new IamPolicy(stack, 'Policy', { policy: extended.json });
    const view = new StackView(synthesized(stack), TEST_CONTEXT);
    const read = readPolicyDocument(view.block('aws_iam_policy.Policy')!.config.policy, 'policy', view);
    expect(read.ok && read.document.statements.map((s) => [s.sid, s.effect])).toEqual([
      ['Base', 'Allow'],
      ['More', 'Deny'],
    ]);
    expect(read.ok && read.document.origin).toBe('data.aws_iam_policy_document.Extended');
  });

  test('coversAction - matches IAM patterns case-insensitively and honours NotAction; references match nothing', () => {
    const statement = (actions: string[] | undefined, notActions?: string[]): PolicyStatement => ({ ...STATEMENT, actions, notActions });
    expect(coversAction(statement(['iam:Pass*']), 'iam:PassRole')).toBe(true);
    expect(coversAction(statement(['IAM:passrole']), 'iam:PassRole')).toBe(true);
    expect(coversAction(statement(['iam:Get?ole']), 'iam:GetRole')).toBe(true);
    expect(coversAction(statement(['iam:GetRole']), 'iam:PassRole')).toBe(false);
    expect(coversAction(statement(undefined, ['iam:*']), 's3:GetObject')).toBe(true);
    expect(coversAction(statement(undefined, ['iam:*']), 'iam:PassRole')).toBe(false);
    expect(coversAction(statement(['${var.action}']), 'iam:PassRole')).toBe(false);
  });
});
