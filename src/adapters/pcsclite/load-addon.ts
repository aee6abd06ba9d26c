import { createRequire } from 'node:module';
import * as path from 'node:path';
import { loadBinding } from '../load-binding';
import type { PcscliteAddon } from './native-types';

let cached: PcscliteAddon | undefined;

/** The native classes of `pcsclite`; its JS wrapper is loaded first because the addon calls `emit` on them. */
export function loadPcscliteAddon(): PcscliteAddon {
  cached ??= loadBinding('pcsclite', () => {
    const nodeRequire = createRequire(__filename);
    nodeRequire('pcsclite');
    const root = path.dirname(nodeRequire.resolve('pcsclite/package.json'));
    return nodeRequire(path.join(root, 'build', 'Release', 'pcsclite.node')) as PcscliteAddon;
  });
  return cached;
}
