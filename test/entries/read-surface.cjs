'use strict';
// What an entry point's declarations export, read with the TypeScript compiler API: every name (value
// or type), and the names whose declaration has no doc comment. Shared by the unit test (over src/)
// and the package test (over the installed .d.ts and .d.mts files); `ts` is the caller's TypeScript.

/**
 * @param {typeof import('typescript')} ts
 * @param {readonly string[]} files entry files, each read as one module
 * @param {import('typescript').CompilerOptions} options
 * @returns {Map<string, { names: string[]; undocumented: string[] }>} by file as given
 */
function readSurfaces(ts, files, options) {
  const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true, ...options });
  const checker = program.getTypeChecker();
  const result = new Map();
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`TypeScript did not read ${file}`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${file} is not a module`);
    const names = [];
    const undocumented = [];
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      names.push(exported.name);
      for (const gap of gapsOf(ts, checker, exported, exported.name)) undocumented.push(gap);
    }
    result.set(file, { names: names.sort(), undocumented: undocumented.sort() });
  }
  return result;
}

/** The exported name when its declaration has no doc comment; for a namespace (`export * as x`), each member without one. */
function gapsOf(ts, checker, exported, label) {
  const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const isNamespaceFile = (target.declarations ?? []).some((declaration) => ts.isSourceFile(declaration));
  if (isNamespaceFile) {
    return checker.getExportsOfModule(target).flatMap((member) => gapsOf(ts, checker, member, `${label}.${member.name}`));
  }
  return target.getDocumentationComment(checker).length > 0 ? [] : [label];
}

module.exports = { readSurfaces };
