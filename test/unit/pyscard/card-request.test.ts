import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error';
import {
  ATRCardType,
  AnyCardType,
  Card,
  CardRequest,
  CardRequestTimeoutException,
  InvalidATRMaskLengthException,
  PassThruCardService,
  toBytes,
} from '../../../src/pyscard';
import { seedCardT0, T0_ATR } from '../../parity/seed-card';
import { SELECT, closeSimulatedFacade, simulatedFacade } from './simulated-facade';

afterEach(closeSimulatedFacade);

describe('CardType', () => {
  it('AnyCardType matches everything; ATRCardType compares the ATR under its mask', () => {
    expect(new AnyCardType().matches([1, 2, 3])).toBe(true);
    const exact = new ATRCardType(toBytes('3B 65 00 00'));
    expect(exact.matches(toBytes('3B 65 00 00'))).toBe(true);
    expect(exact.matches(toBytes('3B 65 00 01'))).toBe(false);
    expect(exact.matches(toBytes('3B 65 00'))).toBe(false);
    const masked = new ATRCardType(toBytes('3B 65 00 00'), toBytes('FF FF 00 00'));
    expect(masked.matches(toBytes('3B 65 12 34'))).toBe(true);
    expect(() => new ATRCardType(toBytes('3B 65'), toBytes('FF'))).toThrow(new InvalidATRMaskLengthException('FF'));
  });
});

describe('CardRequest on the simulator', () => {
  it('waitforcard() returns a pass-thru service for a card already present', async () => {
    const { readerName } = await simulatedFacade();
    const service = await new CardRequest({ timeout: 1 }).waitforcard();
    expect(service).toBeInstanceOf(PassThruCardService);
    expect(service.connection.getReader()).toBe(readerName);
    await service.connection.connect();
    expect(await service.connection.transmit(SELECT)).toEqual([[], 0x90, 0x00]);
    await service.connection.disconnect();
  });

  it('waitforcard() with newcardonly waits for an insertion', async () => {
    const { slot, readerName } = await simulatedFacade('linux', false);
    const waiting = new CardRequest({ timeout: 5, newcardonly: true }).waitforcard();
    setTimeout(() => slot.insert(seedCardT0()), 250);
    const service = await waiting;
    expect(service.connection.getReader()).toBe(readerName);
  });

  it('waitforcard() with newcardonly ignores a card that was already there', async () => {
    await simulatedFacade();
    const started = Date.now();
    await expect(new CardRequest({ timeout: 0.3, newcardonly: true }).waitforcard()).rejects.toThrow(new CardRequestTimeoutException());
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('waitforcard() times out with PySCard message when no card matches the ATR', async () => {
    await simulatedFacade();
    const request = new CardRequest({ timeout: 0.2, cardType: new ATRCardType(toBytes('3B 00')) });
    const error = await request.waitforcard().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardRequestTimeoutException);
    expect((error as Error).message).toBe('Time-out during card request');
  });

  it('waitforcard() only watches the readers asked for', async () => {
    const { sim } = await simulatedFacade('linux', false);
    const other = sim.addReader('Other Reader');
    other.insert(seedCardT0());
    await expect(new CardRequest({ timeout: 0.2, readers: ['Gemalto PC Twin Reader 00 00'] }).waitforcard()).rejects.toThrow(CardRequestTimeoutException);
    const service = await new CardRequest({ timeout: 0.2, readers: ['Other Reader 01 00'] }).waitforcard();
    expect(service.connection.getReader()).toBe('Other Reader 01 00');
  });

  it('waitforcardevent() returns the cards present, with reader and ATR', async () => {
    const { readerName } = await simulatedFacade();
    const cards = await new CardRequest({ timeout: 1 }).waitforcardevent();
    expect(cards).toHaveLength(1);
    expect(cards[0]?.equals(new Card(readerName, toBytes(T0_ATR)))).toBe(true);
    expect(String(cards[0])).toBe(`${T0_ATR} / ${readerName}`);
  });

  it('getReaders() lists the asked readers, or every reader', async () => {
    const { readerName } = await simulatedFacade();
    expect((await new CardRequest().getReaders()).map(String)).toEqual([readerName]);
    expect(await new CardRequest({ readers: ['X'] }).getReaders()).toEqual(['X']);
  });
});

describe('CardRequest timeout', () => {
  it.each([-1, Number.NaN, '1'])('refuses %p with InvalidArgumentError', (timeout) => {
    expect(() => new CardRequest({ timeout: timeout as number })).toThrow(InvalidArgumentError);
  });

  it('takes null and Infinity as no limit', () => {
    expect(new CardRequest({ timeout: null }).timeout).toBeNull();
    expect(new CardRequest({ timeout: Number.POSITIVE_INFINITY }).timeout).toBeNull();
  });
});
