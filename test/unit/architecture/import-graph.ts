import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** One import from one source file to another, as paths relative to the scanned root. */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\b[^'"]*?\bfrom\s*['"](\.[^'"]*)['"]|(?:^|[\s;(])import\s*['"](\.[^'"]*)['"]|\b(?:require|import)\(\s*['"](\.[^'"]*)['"]\s*\)/g;

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
  // a layer may name several folders that share one rank: 'driver+adapters'
  const rank = layers.findIndex((layer) => layer.split('+').includes(top));
  if (rank < 0) throw new Error(`${file} is in a folder no layer names: ${top}/`);
  return rank;
}

/** Imports that point from a lower layer to a higher one, as "from -> to" lines. */
export function upwardImports(edges: readonly ImportEdge[], layers: readonly string[]): string[] {
  return edges.filter((edge) => layerOf(edge.from, layers) < layerOf(edge.to, layers)).map((edge) => `${edge.from} -> ${edge.to}`);
}
