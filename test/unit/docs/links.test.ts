import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** README.md, CONTRIBUTING.md and every page in docs/. */
function documentationFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(ROOT, 'docs', name));
  return [join(ROOT, 'README.md'), join(ROOT, 'CONTRIBUTING.md'), ...docs];
}

/** Markdown without its fenced code blocks and inline code, where brackets are not links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Every `[text](target)` link's target. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] as string);
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings; a repeated heading gets -1, -2, … as on GitHub. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const base = headingAnchor(match[1] as string);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** What is wrong with one relative link from `file`, or undefined when it points somewhere real. */
function brokenLink(file: string, target: string): string | undefined {
  const [path = '', anchor] = target.split('#');
  const destination = path === '' ? file : resolve(dirname(file), decodeURI(path));
  if (!existsSync(destination)) return `${target}: no such file`;
  if (anchor === undefined || !destination.endsWith('.md') || statSync(destination).isDirectory()) return undefined;
  return anchorsOf(readFileSync(destination, 'utf8')).has(anchor) ? undefined : `${target}: no heading with anchor #${anchor}`;
}

/** Repository paths named in inline code (`src/...`, `test/...`, `bench/...`, `scripts/...`). */
function namedPaths(markdown: string): string[] {
  return [...markdown.matchAll(/`((?:src|test|bench|scripts)\/[\w./-]+)`/g)].map((match) => match[1] as string);
}

function isRelative(target: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target);
}

describe('documentation links', () => {
  it.each(documentationFiles().map((file) => [relative(ROOT, file), file]))(
    '%s: every relative link points to a file and heading that exist',
    (_name, file) => {
      const targets = linkTargets(readFileSync(file, 'utf8')).filter(isRelative);
      const broken = targets.map((target) => brokenLink(file, target)).filter((problem) => problem !== undefined);
      expect(broken).toEqual([]);
    },
  );

  it.each(documentationFiles().map((file) => [relative(ROOT, file), file]))('%s: every repository path it names in code exists', (_name, file) => {
    const missing = namedPaths(readFileSync(file, 'utf8')).filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it('README links to every page in docs/', () => {
    const linked = new Set(linkTargets(readFileSync(join(ROOT, 'README.md'), 'utf8')).map((target) => target.split('#')[0]));
    const pages = readdirSync(join(ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`);
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });

  it('finds a broken file link and a broken anchor', () => {
    const file = join(ROOT, 'README.md');
    expect(brokenLink(file, 'docs/no-such-page.md')).toBe('docs/no-such-page.md: no such file');
    expect(brokenLink(file, 'CONTRIBUTING.md#no-such-heading')).toBe('CONTRIBUTING.md#no-such-heading: no heading with anchor #no-such-heading');
    expect(brokenLink(file, 'CONTRIBUTING.md#the-windows-code-path-under-wine-and-hosted-ci')).toBeUndefined();
  });

  it('makes anchors as GitHub does', () => {
    expect(headingAnchor("How `'winscard'` calls the library")).toBe('how-winscard-calls-the-library');
    expect(headingAnchor('Batches (`transmitBatch`, optional)')).toBe('batches-transmitbatch-optional');
    expect([...anchorsOf('# A\n## Speed\n```\n# not a heading\n```\n## Speed\n')]).toEqual(['a', 'speed', 'speed-1']);
    expect(linkTargets('see [a](a.md), `[b](b.md)` and [c](c.md#x "title")')).toEqual(['a.md', 'c.md#x']);
    expect(namedPaths('run `test/unit/x.test.ts` or `npm test`, see `src/core/` and `docs/a.md`')).toEqual(['test/unit/x.test.ts', 'src/core/']);
  });
});
