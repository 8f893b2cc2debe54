import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';

/**
 * The documentation's Markdown as GitHub shows it: README.md and every page under docs/, the
 * relative links and anchors in them (code blocks and inline code left out, as GitHub does), and
 * the anchors each page offers (its headings, slugged by GitHub's rules, and `<a id|name>` tags).
 */

const markdown = new MarkdownIt({ html: true });

/** README.md and docs/**\/*.md of a workspace, relative to it. */
export function documentationPages(root: string): string[] {
  const pages = existsSync(join(root, 'README.md')) ? ['README.md'] : [];
  const walk = (dir: string): string[] =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir)).sort().flatMap((entry) => {
          const path = `${dir}/${entry}`;
          if (statSync(join(root, path)).isDirectory()) return walk(path);
          return entry.endsWith('.md') ? [path] : [];
        })
      : [];
  return [...pages, ...walk('docs')];
}

/** A link of a page: where it points, as written. */
export interface PageLink {
  readonly page: string;
  readonly target: string;
  readonly line: number;
}

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

function flatten(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((token) => [token, ...flatten(token.children ?? [])]);
}

/** Every token of a page as GitHub's Markdown reads it, inline ones included, in order. */
export function markdownTokens(text: string): Token[] {
  return flatten(markdown.parse(text, {}));
}

/** The relative links of a page (no scheme, no protocol-relative ones), from its text and its HTML `href`s. */
export function relativeLinks(page: string, text: string): PageLink[] {
  const links: PageLink[] = [];
  let line = 0;
  for (const token of markdownTokens(text)) {
    if (token.map) line = token.map[0] + 1;
    const targets: string[] = [];
    if (token.type === 'link_open') targets.push(String(token.attrGet('href') ?? ''));
    if (token.type === 'html_inline' || token.type === 'html_block') targets.push(...[...token.content.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]!));
    for (const target of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target === '') continue;
      links.push({ page, target, line });
    }
  }
  return links;
}

/** The anchors a page offers: each heading's GitHub slug (with -1, -2... for repeats) and every `<a id|name>`. */
export function pageAnchors(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  const tokens = markdown.parse(text, {});
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open') {
      const inline = tokens[i + 1]!;
      const plain = flatten(inline.children ?? [])
        .filter((child) => child.type === 'text' || child.type === 'code_inline')
        .map((child) => child.content)
        .join('');
      anchors.add(slugger.slug(plain));
    }
  });
  for (const token of flatten(tokens)) {
    if (token.type === 'html_inline' || token.type === 'html_block') {
      for (const match of token.content.matchAll(/<a\s[^>]*\b(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
    }
  }
  return anchors;
}

/** Every relative link of the documentation that does not resolve: a missing file, or an anchor its page lacks. */
export function brokenLinks(root: string): string[] {
  const problems: string[] = [];
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (file: string): Set<string> => {
    if (!anchorsOf.has(file)) anchorsOf.set(file, pageAnchors(readFileSync(join(root, file), 'utf8')));
    return anchorsOf.get(file)!;
  };
  for (const page of documentationPages(root)) {
    for (const link of relativeLinks(page, readFileSync(join(root, page), 'utf8'))) {
      const [path, anchor] = link.target.split('#') as [string, string | undefined];
      const file = path === '' ? page : relative(root, resolve(root, dirname(page), decodeURIComponent(path)));
      const where = `${page}:${link.line}: "${link.target}"`;
      if (file.startsWith('..') || !existsSync(join(root, file))) {
        problems.push(`${where} points to ${file}, which does not exist`);
        continue;
      }
      if (anchor !== undefined && file.endsWith('.md') && !anchors(file).has(decodeURIComponent(anchor))) {
        problems.push(`${where}: ${file} has no heading or anchor "${anchor}"`);
      }
    }
  }
  return problems;
}
