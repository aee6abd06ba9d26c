import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error';
import { configure, shutdown, toBytes, toHexString, ATR, SmartcardException } from '../../../src/pyscard';
import { SCardConnect, SCardEstablishContext, SCardReconnect, SCardReleaseContext, SCardDisconnect } from '../../../src/pyscard/scard';
import { Pcsc } from '../../../src/compose/pcsc';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard } from '../simulator/simulator-fixtures';

const READER = 'Reader A 00 00';

describe('PySCard facade: wrongly typed input', () => {
  it('SCardConnect and SCardReconnect refuse a share mode or protocol mask that is no DWORD, at once', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader A').insert(appletCard());
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    await configure({ pcsc });
    const [, hcontext] = await SCardEstablishContext(2);
    try {
      await expect(SCardConnect(hcontext, READER, 2n as unknown as number, 3)).rejects.toThrow(
        new InvalidArgumentError('Expected `shareMode` to be an integer from 0 to 0xFFFFFFFF, got the bigint 2.'),
      );
      await expect(SCardConnect(hcontext, READER, 2, 3n as unknown as number)).rejects.toBeInstanceOf(InvalidArgumentError);
      const [result, hcard] = await SCardConnect(hcontext, READER, 2, 3);
      expect(result).toBe(0);
      await expect(SCardReconnect(hcard, 1.5, 'NaN' as unknown as number, 0)).rejects.toThrow(
        new InvalidArgumentError('Expected `shareMode` to be an integer from 0 to 0xFFFFFFFF, got 1.5.'),
      );
      await expect(SCardReconnect(hcard, 2, 3, 0n as unknown as number)).rejects.toBeInstanceOf(InvalidArgumentError);
      expect(await SCardDisconnect(hcard, 0)).toBe(0);
    } finally {
      await SCardReleaseContext(hcontext);
      await shutdown();
      await pcsc.close();
    }
  });

  it("keeps PySCard's own TypeErrors and SmartcardException; other wrong types are InvalidArgumentError", () => {
    expect(() => toBytes('3G 00')).toThrow(new TypeError('not a string representing a list of bytes'));
    expect(() => toBytes(0x3b as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => toHexString({} as unknown as number[])).toThrow(new TypeError('not a list of bytes'));
    expect(toHexString(null)).toBe('');
    expect(() => toHexString([0x3b, 1.5])).toThrow(InvalidArgumentError);
    expect(() => toHexString([0x3b], 'PACK' as unknown as number)).toThrow(InvalidArgumentError);
    expect(() => new ATR([0x3a, 0x00])).toThrow(SmartcardException);
    expect(() => new ATR('3B 00' as unknown as number[])).toThrow(InvalidArgumentError);
    expect(() => new ATR([0x3b, 0x100])).toThrow(InvalidArgumentError);
  });
});
