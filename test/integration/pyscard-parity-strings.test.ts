/**
 * Every text and value the facade copies from PySCard, checked against PySCard 2.0.5 itself:
 * test/parity/dump_strings.py prints them as JSON from the installed smartcard package.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as pyscard from '../../src/pyscard';
import { PYTHON } from '../parity/run-script';

interface Dump {
  readonly constants: Record<string, number>;
  readonly errorMessages: Record<string, string>;
  readonly exceptions: Record<string, string>;
  readonly util: {
    readonly toHexString: Record<string, string>;
    readonly toHexStringEmpty: string;
    readonly toBytes: number[][];
    readonly toASCIIString: string;
    readonly toASCIIBytes: number[];
    readonly toGSM3_38Bytes: number[];
    readonly padd: number[][];
    readonly HexListToBinString: string;
    readonly BinStringToHexList: number[];
  };
  readonly sw: Record<string, Record<string, [string, string]>>;
  readonly atr: Record<string, AtrDump>;
  readonly invalidTs: string;
}

interface AtrDump {
  readonly str: string;
  readonly TA: Array<number | null>;
  readonly TB: Array<number | null>;
  readonly TC: Array<number | null>;
  readonly TD: Array<number | null>;
  readonly Y: number[];
  readonly historicalBytes: number[];
  readonly checksum: number | null;
  readonly checksumOK: boolean | null;
  readonly interfaceBytes: number;
  readonly protocols: string[];
  readonly bitRate: number | string;
  readonly clockRate: number | string;
  readonly current: number | string;
  readonly voltage: number;
  readonly guard: number | null;
  readonly dump: string;
}

const dump = JSON.parse(execFileSync(PYTHON, [join(__dirname, '..', 'parity', 'dump_strings.py')], { encoding: 'utf8' })) as Dump;
const scard = pyscard.scard as unknown as Record<string, unknown>;

describe('smartcard.scard', () => {
  it('exports every integer constant PySCard has, with the same value', () => {
    const mismatches = Object.entries(dump.constants).filter(([name, value]) => scard[name] !== value);
    expect(mismatches).toEqual([]);
  });

  it('SCardGetErrorMessage gives the same text for every code', () => {
    for (const [code, message] of Object.entries(dump.errorMessages)) {
      expect([code, pyscard.SCardGetErrorMessage(Number(code))]).toEqual([code, message]);
    }
  });

  it('SCARD_CTL_CODE matches pcsc-lite', () => {
    expect(pyscard.SCARD_CTL_CODE(3400)).toBe(0x42000d48);
  });
});

describe('smartcard.Exceptions', () => {
  const e = dump.exceptions;
  it.each([
    ['SmartcardException', () => new pyscard.SmartcardException('plain')],
    ['SmartcardExceptionHresult', () => new pyscard.SmartcardException('with code', pyscard.SCARD_E_NO_SERVICE)],
    ['CardConnectionException', () => new pyscard.CardConnectionException('Card not connected')],
    ['CardRequestTimeoutException', () => new pyscard.CardRequestTimeoutException()],
    ['InvalidATRMaskLengthException', () => new pyscard.InvalidATRMaskLengthException('FF FF')],
    ['InvalidReaderException', () => new pyscard.InvalidReaderException('Nope 00 00')],
    ['ListReadersException', () => new pyscard.ListReadersException(pyscard.SCARD_E_NO_SERVICE)],
    ['NoCardException', () => new pyscard.NoCardException('Unable to connect', pyscard.SCARD_E_NO_SMARTCARD)],
    ['NoCardExceptionRemoved', () => new pyscard.NoCardException('Unable to reconnect', pyscard.SCARD_W_REMOVED_CARD)],
    ['NoReadersException', () => new pyscard.NoReadersException()],
    ['EstablishContextException', () => new pyscard.EstablishContextException(pyscard.SCARD_E_NO_SERVICE)],
  ] as const)('%s reads as str() of the PySCard exception', (key, make) => {
    expect(make().message).toBe(e[key]);
  });
});

describe('smartcard.util', () => {
  const values = [0x3b, 0x65, 0x00, 0x00, 0x9c, 0x11, 0x01, 0x01, 0x03];
  const u = dump.util;

  it('toHexString gives the same text for all 16 flag combinations', () => {
    for (const [flags, text] of Object.entries(u.toHexString)) {
      expect([flags, pyscard.toHexString(values, Number(flags))]).toEqual([flags, text]);
    }
    expect(pyscard.toHexString([])).toBe(u.toHexStringEmpty);
  });

  it('toBytes, toASCIIString, toASCIIBytes, toGSM3_38Bytes, padd and the BinString helpers agree', () => {
    const texts = ['3B 65 00 00 9C 11 01 01 03', '3B6500009C11010103', '3B6500   009C1101  0103', '3b\t65\n00', '3B6'];
    expect(texts.map(pyscard.toBytes)).toEqual(u.toBytes);
    expect(pyscard.toASCIIString(Array.from({ length: 256 }, (_, i) => i))).toBe(u.toASCIIString);
    expect(pyscard.toASCIIBytes('Number 101')).toEqual(u.toASCIIBytes);
    expect(pyscard.toGSM3_38Bytes('@\u00f9Pascal \u00e9t\u00e9 \u00bf\u00e0!')).toEqual(u.toGSM3_38Bytes);
    expect([pyscard.padd([59, 101, 0], 6), pyscard.padd([59, 101, 0], 5, '80'), pyscard.padd([59, 101, 0], 2)]).toEqual(u.padd);
    expect(pyscard.HexListToBinString([78, 117, 109, 98, 101, 114])).toBe(u.HexListToBinString);
    expect(pyscard.BinStringToHexList('Number')).toEqual(u.BinStringToHexList);
  });
});

describe('smartcard.sw error checkers', () => {
  const checkers: Record<string, pyscard.ErrorChecker> = {
    ISO7816_4ErrorChecker: new pyscard.ISO7816_4ErrorChecker(),
    ISO7816_4_SW1ErrorChecker: new pyscard.ISO7816_4_SW1ErrorChecker(),
    ISO7816_8ErrorChecker: new pyscard.ISO7816_8ErrorChecker(),
    ISO7816_9ErrorChecker: new pyscard.ISO7816_9ErrorChecker(),
    op21_ErrorChecker: new pyscard.op21_ErrorChecker(),
  };
  const sw1Values = [...Array.from({ length: 16 }, (_, i) => 0x60 + i), 0x90, 0x91, 0x94, 0x9f];

  it.each(Object.keys(checkers))('%s raises the same exception class and message for every status word', (name) => {
    const checker = checkers[name]!;
    const raised: Record<string, [string, string]> = {};
    for (const sw1 of sw1Values) {
      for (let sw2 = 0; sw2 < 256; sw2 += 1) {
        try {
          checker.check([1, 2], sw1, sw2);
        } catch (error) {
          if (!(error instanceof pyscard.SWException)) throw error;
          raised[pyscard.toHexString([sw1, sw2], pyscard.PACK)] = [error.name, error.message];
        }
      }
    }
    expect(raised).toEqual(dump.sw[name]);
  });
});

describe('smartcard.ATR', () => {
  it.each(Object.keys(dump.atr))('%s: same fields, getters and dump() output', (text) => {
    const atr = new pyscard.ATR(pyscard.toBytes(text));
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let printed = '';
    try {
      atr.dump();
      printed = write.mock.calls.map((call) => String(call[0])).join('');
    } finally {
      write.mockRestore();
    }
    const mine: AtrDump = {
      str: String(atr),
      TA: atr.TA,
      TB: atr.TB,
      TC: atr.TC,
      TD: atr.TD,
      Y: atr.Y,
      historicalBytes: atr.getHistoricalBytes(),
      checksum: atr.getChecksum(),
      checksumOK: atr.checksumOK ?? null,
      interfaceBytes: atr.getInterfaceBytesCount(),
      protocols: Object.keys(atr.getSupportedProtocols()),
      bitRate: atr.getBitRateFactor(),
      clockRate: atr.getClockRateConversion(),
      current: atr.getProgrammingCurrent(),
      voltage: atr.getProgrammingVoltage(),
      guard: atr.getGuardTime(),
      dump: printed,
    };
    expect(mine).toEqual(dump.atr[text]);
  });

  it('rejects an unknown TS with the same message', () => {
    expect(() => new pyscard.ATR([0x3a, 0x00])).toThrow(new pyscard.SmartcardException(dump.invalidTs));
  });
});
