import { createRequire } from 'node:module';
import { loadBinding } from '../load-binding';
import type { SmartcardAddon } from './native-types';

let cached: SmartcardAddon | undefined;

export function loadSmartcardAddon(): SmartcardAddon {
  cached ??= loadBinding('smartcard', () => createRequire(__filename)('smartcard') as SmartcardAddon);
  return cached;
}
