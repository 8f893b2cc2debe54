import { defineRule, notApplicable, resultOf } from '../../rule';
import { GITHUB_OIDC_ISSUER, githubTrustStatements } from '../../synthesized/iam';
import { conditionsOn } from '../../synthesized/policy-document';
import { hasWildcard } from '../../synthesized/values';

/**
 * `repo:<owner>/<name>:<context>`, the form of every GitHub Actions subject that names a repository;
 * in the immutable form GitHub appends the ids, `repo:<owner>@<id>/<name>@<id>:<context>`.
 */
const SUBJECT = /^repo:([^/:]+)\/([^/:]+):(.+)$/;
/** An owner or a name, with its immutable id or without. */
const PART = /^[A-Za-z0-9_.-]+(@\d+)?$/;

/**
 * Every `sub` value of a GitHub trust names one exact repository: `repo:<owner>/<name>:...`, or
 * with GitHub's immutable ids `repo:<owner>@<digits>/<name>@<digits>:...`, with no wildcard in the
 * owner, the name or the ids (so never `repo:<org>/*`, `repo:<org>@*\/...` nor `*`).
 */
export const GithubOidcExactRepository = defineRule({
  id: 'GithubOidcExactRepository',
  summary: 'GitHub OIDC "sub" names exact repositories, no wildcard over an organisation',
  explanation:
    'A wildcard over an organisation (repo:acme/*) trusts every repository in it, including any a member creates or forks later; a wildcard over the owner trusts strangers\' repositories.',
  fix:
    'List each repository by name: "repo:<owner>/<repo>:ref:refs/heads/<branch>", "repo:<owner>/<repo>:environment:<env>" or "repo:<owner>/<repo>:pull_request", ' +
    'or with its ids "repo:<owner>@<owner id>/<repo>@<repository id>:..." (configured in packages/config/src/environments.ts).',
  anchors: { checkov: ['CKV_AWS_358'] },
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    const { statements, origin } = githubTrustStatements(role, stack);
    if (statements.length === 0) return notApplicable;
    const reasons: string[] = [];
    for (const statement of statements) {
      for (const condition of conditionsOn(statement, `${GITHUB_OIDC_ISSUER}:sub`)) {
        for (const value of condition.values) {
          const match = SUBJECT.exec(value);
          if (!match) reasons.push(`sub "${value}" (${origin}) does not name a repository as repo:<owner>/<name>:...`);
          else if (hasWildcard(match[1]) || hasWildcard(match[2])) reasons.push(`sub "${value}" (${origin}) has a wildcard in the repository`);
          else if (!PART.test(match[1]!) || !PART.test(match[2]!) || (match[1]!.includes('@') !== match[2]!.includes('@'))) {
            reasons.push(`sub "${value}" (${origin}) names its repository neither as repo:<owner>/<name> nor as repo:<owner>@<digits>/<name>@<digits>`);
          }
        }
      }
    }
    return resultOf(reasons);
  },
});
