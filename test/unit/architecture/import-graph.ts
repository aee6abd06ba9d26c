import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** One import from one source file to another, as paths relative to the scanned root. */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\b[^'"]*?\bfrom\s*['"](\.[^'"]*)['"]|(?:^|[\s;(])import\s*['"](\.[^'"]*)['"]|\b(?:require|import)\(\s*['"](\.[^'"]*)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function resolveModule(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this candidate
    }
  }
  return undefined;
}

/** Every relative import between the TypeScript files under `root`. */
export function importEdges(root: string): ImportEdge[] {
  return sourceFiles(root).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const edges: ImportEdge[] = [];
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      const target = specifier === undefined ? undefined : resolveModule(file, specifier);
      // imports leaving the root (package.json, node modules) belong to no layer
      if (target && !relative(root, target).startsWith('..')) edges.push({ from: toPosix(relative(root, file)), to: toPosix(relative(root, target)) });
    }
    return edges;
  });
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * The layer of a file: the rank of its top folder in `layers` (bottom first); files directly
 * under the root (the package entries) sit above every layer.
 */
export function layerOf(file: string, layers: readonly string[]): number {
  const top = file.split('/')[0] ?? '';
  if (!file.includes('/')) return layers.length;
  const rank = layers.indexOf(top);
  if (rank < 0) throw new Error(`${file} is in a folder no layer names: ${top}/`);
  return rank;
}

/** Imports that point from a lower layer to a higher one, as "from -> to" lines. */
export function upwardImports(edges: readonly ImportEdge[], layers: readonly string[]): string[] {
  return edges.filter((edge) => layerOf(edge.from, layers) < layerOf(edge.to, layers)).map((edge) => `${edge.from} -> ${edge.to}`);
}

/**
 * Every chain of imports from a file under one of `fromFolders` to a file under `toFolder`, as
 * "a -> b -> c" lines (the shortest chain for each file that gets there).
 */
export function reachingChains(edges: readonly ImportEdge[], fromFolders: readonly string[], toFolder: string): string[] {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const inFolder = (file: string, folder: string): boolean => file.startsWith(`${folder}/`);
  const starts = [...new Set(edges.map((edge) => edge.from))].filter((file) => fromFolders.some((folder) => inFolder(file, folder))).sort();
  const chains: string[] = [];
  for (const start of starts) {
    const cameFrom = new Map<string, string>([[start, '']]);
    const queue = [start];
    let found: string | undefined;
    while (queue.length > 0 && found === undefined) {
      const file = queue.shift() as string;
      for (const target of next.get(file) ?? []) {
        if (cameFrom.has(target)) continue;
        cameFrom.set(target, file);
        if (inFolder(target, toFolder)) {
          found = target;
          break;
        }
        queue.push(target);
      }
    }
    if (found === undefined) continue;
    const chain: string[] = [];
    for (let file: string = found; file !== ''; file = cameFrom.get(file) ?? '') chain.unshift(file);
    chains.push(chain.join(' -> '));
  }
  return chains;
}

/** The strongly connected groups of files (import circles) that span more than one folder, each sorted. */
export function crossFolderCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const files = [...new Set(edges.flatMap((edge) => [edge.from, edge.to]))];
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of next.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) as number, index.get(target) as number));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    groups.push(group.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  const folderOf = (file: string): string => file.slice(0, file.lastIndexOf('/') + 1);
  return groups.filter((group) => new Set(group.map(folderOf)).size > 1);
}
