import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pcsc } from '../../../src/compose/pcsc';
import { AbortedError } from '../../../src/errors/pcsc-error';
import { SimulatedPcsc } from '../../../src/simulator';

/** The TSDoc comment right above `readonly signal?: AbortSignal;` in the interface `name` of `file`. */
function signalDoc(file: string, name: string): string {
  const source = readFileSync(join(__dirname, '..', '..', '..', 'src', 'core', file), 'utf8');
  const body = source.slice(source.indexOf(`export interface ${name}`));
  const field = body.indexOf('readonly signal?: AbortSignal;');
  const start = body.lastIndexOf('/**', field);
  return body.slice(start, field);
}

describe('what an aborted signal rejects with, as documented', () => {
  it.each([
    ['wait-for-card.ts', 'WaitForCardOptions'],
    ['card-types.ts', 'TransmitOptions'],
  ])('%s %s says AbortedError with the reason as its cause', (file, name) => {
    const doc = signalDoc(file, name);
    expect(doc).toContain('AbortedError');
    expect(doc).toContain('cause');
  });

  it('waitForCard rejects with AbortedError whose cause is the reason', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Empty');
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    try {
      const reason = new Error('user gave up');
      const controller = new AbortController();
      const waiting = pcsc.waitForCard({ signal: controller.signal });
      controller.abort(reason);
      const error = await waiting.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortedError);
      expect(error).not.toBe(reason);
      expect((error as AbortedError).cause).toBe(reason);
    } finally {
      await pcsc.close();
    }
  });
});
