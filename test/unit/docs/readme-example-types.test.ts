import { join } from 'node:path';
import * as ts from 'typescript';
import { readmeFirstExample } from '../../fixtures/readme-example';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The type errors of each source, compiled in one program as ES modules beside the sources,
 * with `resilient-pcsc` resolving to them as the package's entries would.
 */
function typeErrors(sources: Readonly<Record<string, string>>): Record<string, string[]> {
  const files = new Map(Object.entries(sources).map(([name, source]) => [join(ROOT, `${name}.mts`), source]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    paths: { 'resilient-pcsc': [join(ROOT, 'src', 'index.ts')], 'resilient-pcsc/*': [join(ROOT, 'src', '*', 'index.ts')] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (file) => files.has(file) || ts.sys.fileExists(file);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  host.getSourceFile = (file, language, ...rest) => {
    const source = files.get(file);
    return source === undefined ? getSourceFile(file, language, ...rest) : ts.createSourceFile(file, source, language, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return Object.fromEntries(
    Object.keys(sources).map((name) => [
      name,
      diagnostics
        .filter((diagnostic) => diagnostic.file === undefined || diagnostic.file.fileName === join(ROOT, `${name}.mts`))
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
    ]),
  );
}

describe("README's first example", () => {
  let errors: Record<string, string[]>;
  beforeAll(() => {
    const example = readmeFirstExample();
    errors = typeErrors({ 'readme-example': example, 'readme-example-broken': example.replace("share: 'shared'", "share: 'shard'") });
  }, 180_000);

  it('type-checks under strict TypeScript as an ES module', () => {
    expect(errors['readme-example']).toEqual([]);
  });

  it('would not if it passed a share mode that does not exist', () => {
    expect(errors['readme-example-broken']?.join('\n')).toContain('"shard"');
  });
});
