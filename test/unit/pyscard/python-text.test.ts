import { ATRCardType, Card, NoCardException, Reader, SCARD_E_NO_SMARTCARD, print, pyRepr, pyStr } from '../../../src/pyscard';
import { inspect } from 'node:util';

describe('Python-style printing for ported scripts', () => {
  it('prints lists, strings, numbers, None and booleans as Python does', () => {
    expect(pyStr([0, 1, 13])).toBe('[0, 1, 13]');
    expect(pyStr(Uint8Array.of(144, 0))).toBe('[144, 0]');
    expect(pyStr(['a', "it's"])).toBe(`['a', "it's"]`);
    expect(pyStr(null)).toBe('None');
    expect(pyStr(true)).toBe('True');
    expect(pyStr('text')).toBe('text');
    expect(pyRepr('text')).toBe("'text'");
    expect(pyRepr('a\\b\n')).toBe("'a\\\\b\\n'");
  });

  it('prints readers and cards as PySCard objects', () => {
    const reader = new Reader('Gemalto PC Twin Reader 00 00');
    expect(pyStr(reader)).toBe('Gemalto PC Twin Reader 00 00');
    expect(pyStr([reader, new Reader('Other 01 00')])).toBe("['Gemalto PC Twin Reader 00 00', 'Other 01 00']");
    expect(inspect(reader)).toBe('Gemalto PC Twin Reader 00 00');
    const card = new Card('Gemalto PC Twin Reader 00 00', [0x3b, 0x02]);
    expect(pyStr(card)).toBe('3B 02 / Gemalto PC Twin Reader 00 00');
    expect(pyStr([card])).toBe('[3B 02 / Gemalto PC Twin Reader 00 00]');
    expect(pyStr(new ATRCardType([1]))).toBe('[object Object]');
  });

  it('prints an exception as its message, like str(e)', () => {
    expect(pyStr(new NoCardException('Unable to connect', SCARD_E_NO_SMARTCARD))).toBe('Unable to connect: No smart card inserted. (0x8010000C)');
  });

  it('print() writes str() of each value, separated by spaces', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      print('Using:', new Reader('R 00 00'));
      print([0, 1], 'Command:', 144);
      expect(write.mock.calls.map((call) => call[0])).toEqual(['Using: R 00 00\n', '[0, 1] Command: 144\n']);
    } finally {
      write.mockRestore();
    }
  });
});

describe('tuples', () => {
  it('transmit-style results print as Python tuples', async () => {
    const { pyTuple } = await import('../../../src/pyscard');
    expect(pyStr(pyTuple([[], 144, 0]))).toBe('([], 144, 0)');
    expect(pyStr(pyTuple([1]))).toBe('(1,)');
    const [data, sw1] = pyTuple([[1, 2], 0x90] as const);
    expect([data, sw1]).toEqual([[1, 2], 0x90]);
  });
});
