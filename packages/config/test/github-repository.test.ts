import { oidcSubjectPrefix, parseGithubRepository, repositoryName } from '../src/github-repository';

describe('github-repository', () => {
  test('parseGithubRepository - the name form', () => {
    expect(parseGithubRepository('acme-data/data-platform')).toEqual({ name: 'acme-data/data-platform' });
  });

  test('parseGithubRepository - the form with the owner\'s and the repository\'s ids', () => {
    expect(parseGithubRepository('acme-data@123456/data-platform@456789')).toEqual({
      name: 'acme-data/data-platform',
      ids: { owner: '123456', repository: '456789' },
    });
  });

  test.each(['acme-data@123456/data-platform', 'acme/x@1', 'acme@0/x@1', 'acme@1a/x@2', 'acme-123456/x-456789/extra', 'acme/*', 'acme'])(
    'parseGithubRepository - undefined for %s',
    (written) => {
      expect(parseGithubRepository(written)).toBeUndefined();
    },
  );

  test('repositoryName - strips the ids, keeps a name without them', () => {
    expect(repositoryName('acme-data@123456/data-platform@456789')).toBe('acme-data/data-platform');
    expect(repositoryName('acme-data/data-platform')).toBe('acme-data/data-platform');
    expect(repositoryName('acme@1/x.v2@22')).toBe('acme/x.v2');
  });

  test('oidcSubjectPrefix - the repository part of the subject GitHub sends, in either form', () => {
    expect(oidcSubjectPrefix('acme-data/data-platform')).toBe('repo:acme-data/data-platform');
    expect(oidcSubjectPrefix('acme-data@123456/data-platform@456789')).toBe('repo:acme-data@123456/data-platform@456789');
  });
});
