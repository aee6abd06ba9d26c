import { join } from 'node:path';
import { crossFolderCycles, importEdges, reachingChains, upwardImports } from './import-graph';

/** The layers of src/, bottom first; a file may import from its own layer or those below it. */
const LAYERS = ['errors', 'apdu', 'atr', 'driver', 'quirks', 'simulator', 'core', 'adapters', 'compose', 'nfc', 'testing', 'nfc-pcsc', 'pyscard', 'cli'];

/** The layers that work on whatever driver they are given: no chain of imports from them may reach an adapter. */
const ADAPTER_FREE = ['core', 'quirks', 'simulator'];

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

  it('no file in core/, quirks/ or simulator/ reaches an adapter through any chain of imports', () => {
    const edges = importEdges(join(__dirname, '../../../src'));
    expect(reachingChains(edges, ADAPTER_FREE, 'adapters')).toEqual([]);
  });

  it('reports core reaching an adapter through compose', () => {
    const edges = importEdges(join(__dirname, 'fixtures/through-compose'));
    expect(reachingChains(edges, ADAPTER_FREE, 'adapters')).toEqual(['core/session.ts -> compose/open.ts -> adapters/socket-driver.ts']);
  });

  it('has no import circle that spans two folders (a circle inside one folder is allowed)', () => {
    expect(crossFolderCycles(importEdges(join(__dirname, '../../../src')))).toEqual([]);
  });

  it('reports a circle between two folders', () => {
    expect(crossFolderCycles(importEdges(join(__dirname, 'fixtures/folder-cycle')))).toEqual([['adapters/adapter.ts', 'driver/port.ts']]);
  });

  it('refuses a folder that belongs to no layer', () => {
    expect(() => upwardImports([{ from: 'extras/a.ts', to: 'errors/b.ts' }], LAYERS)).toThrow('extras/a.ts is in a folder no layer names');
  });
});
