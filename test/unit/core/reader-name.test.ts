import { Pcsc } from '../../../src/compose/pcsc';
import { checkReaderName } from '../../../src/core/reader-name';
import { ForwardingDriver } from '../../../src/driver/forwarding-driver';
import type { ConnectResult, ContextId, Outcome } from '../../../src/driver/pcsc-driver';
import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard } from '../simulator/simulator-fixtures';

/** Records every reader name that reached SCardConnect. */
class ConnectLog extends ForwardingDriver {
  readonly names: string[] = [];
  override connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    this.names.push(reader);
    return this.inner.connect(context, reader, shareMode, protocols);
  }
}

describe('reader names PC/SC cannot take', () => {
  it.each([
    ['a NUL byte', 'Reader A 00 00\u0000 some other reader', 'a reader name without NUL characters'],
    ['129 UTF-8 bytes', 'R'.repeat(129), 'at most 128 UTF-8 bytes'],
    ['65 two-byte characters (130 bytes)', '\u00e9'.repeat(65), 'got 130 bytes'],
    ['a lone high surrogate', 'Reader \uD83D 00 00', 'valid text'],
    ['a lone low surrogate', 'Reader \uDE00 00 00', 'valid text'],
    ['an empty string', '', 'a non-empty string'],
  ])('%s is InvalidArgumentError before SCardConnect', async (_what, name, message) => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const virtual = appletCard();
    sim.addReader('Reader A').insert(virtual);
    const driver = new ConnectLog(sim.driver());
    const pcsc = await Pcsc.open({ driver });
    try {
      const connecting = pcsc.connect(name);
      await expect(connecting).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(connecting).rejects.toThrow(message);
      expect(driver.names).toEqual([]);
      expect(virtual.commandCount).toBe(0);
    } finally {
      await pcsc.close();
    }
  });

  it('accepts 128 bytes, a surrogate pair and ordinary names', () => {
    expect(checkReaderName('R'.repeat(128), 'connect')).toHaveLength(128);
    expect(checkReaderName('Reader \uD83D\uDE00 00 00', 'connect')).toContain('\uD83D\uDE00');
    expect(checkReaderName('Gemalto PC Twin Reader 00 00', 'connect')).toBe('Gemalto PC Twin Reader 00 00');
  });
});
