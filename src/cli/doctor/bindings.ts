import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadPcscliteAddon } from '../../adapters/pcsclite/load-addon';
import { loadSmartcardAddon } from '../../adapters/smartcard/load-addon';
import { loadKoffi } from '../../adapters/winscard/load-koffi';

/** The npm packages the drivers load: the two bindings, and koffi for 'winscard'. */
type BindingName = 'pcsclite' | 'smartcard' | 'koffi';

export interface BindingReport {
  readonly name: BindingName;
  readonly available: boolean;
  readonly version?: string;
  readonly error?: string;
}

/** Tries to load each native package a driver needs. */
export function probeBindings(): BindingReport[] {
  return [probe('pcsclite', loadPcscliteAddon), probe('smartcard', loadSmartcardAddon), probe('koffi', loadKoffi)];
}

function probe(name: BindingName, load: () => unknown): BindingReport {
  try {
    load();
    const version = packageVersion(name);
    return { name, available: true, ...(version ? { version } : {}) };
  } catch (error) {
    return { name, available: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The installed version, read from the package.json above the module (its exports may hide that file). */
export function packageVersion(name: string): string | undefined {
  try {
    let dir = dirname(createRequire(__filename).resolve(name));
    for (;;) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
        if (parsed.name === name) return typeof parsed.version === 'string' ? parsed.version : undefined;
      }
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  } catch {
    return undefined;
  }
}
