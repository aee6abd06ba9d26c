import { join } from 'node:path';
import { importEdges, upwardImports } from './import-graph';

/** The layers of src/, bottom first; a file may import from its own layer or those below it. */
const LAYERS = ['errors', 'apdu', 'atr', 'driver+adapters', 'quirks', 'simulator', 'compose', 'core', 'nfc', 'testing', 'nfc-pcsc', 'pyscard', 'cli'];

describe('layers', () => {
  it('no file in src/ imports from a layer above its own', () => {
    const edges = importEdges(join(__dirname, '../../../src'));
    expect(edges.length).toBeGreaterThan(100);
    expect(upwardImports(edges, LAYERS)).toEqual([]);
  });

  it('reports a driver file that imports from core', () => {
    const edges = importEdges(join(__dirname, 'fixtures/back-reference'));
    expect(upwardImports(edges, LAYERS)).toEqual(['driver/port.ts -> core/connection.ts']);
  });

  it('refuses a folder that belongs to no layer', () => {
    expect(() => upwardImports([{ from: 'extras/a.ts', to: 'errors/b.ts' }], LAYERS)).toThrow('extras/a.ts is in a folder no layer names');
  });
});
