import { expectTypeOf } from 'expect-type';
import type {
  Card,
  CardState,
  CardStatus,
  ConnectOptions,
  DriverName,
  OpenOptions,
  Pcsc,
  PcscEvent,
  QuirkId,
  QuirkNotice,
  ReaderInfo,
  ReaderState,
  TransactionOptions,
  TransactionScope,
} from '../../../src';
import type { Outcome, PcscDriver } from '../../../src/driver-entry';

// The expectTypeOf assertions are checked by `npm run typecheck`; at run time they do nothing.

describe('public types', () => {
  it('type each event listener by its event', () => {
    expectTypeOf<Parameters<Pcsc['on']>[0]>().toEqualTypeOf<
      'reader-attached' | 'reader-detached' | 'card-inserted' | 'card-removed' | 'service-lost' | 'service-restored' | 'quirk' | 'error'
    >();
    const listen = (pcsc: Pcsc): Pcsc =>
      pcsc
        .on('card-inserted', (reader) => expectTypeOf(reader).toEqualTypeOf<ReaderInfo>())
        .on('card-removed', (_reader, reason) => expectTypeOf(reason).toEqualTypeOf<'removed' | 'replaced' | 'service-restarted' | 'reader-detached'>())
        .on('reader-detached', (reader) => expectTypeOf(reader).toEqualTypeOf<{ name: string; service?: string }>())
        .on('quirk', (notice) => expectTypeOf(notice).toEqualTypeOf<QuirkNotice>())
        .on('service-lost', (error) => expectTypeOf(error).toEqualTypeOf<Error>());
    expect(listen).toBeInstanceOf(Function);
  });

  it('narrow a PcscEvent by its type', () => {
    const describe = (event: PcscEvent): string => {
      switch (event.type) {
        case 'card-inserted':
          expectTypeOf(event.reader).toEqualTypeOf<ReaderInfo>();
          return event.reader.name;
        case 'quirk':
          expectTypeOf(event.notice).toEqualTypeOf<QuirkNotice>();
          return event.notice.quirk;
        case 'service-lost':
          expectTypeOf(event.error).toEqualTypeOf<Error>();
          return event.error.message;
        default:
          return event.type;
      }
    };
    expect(describe({ type: 'service-restored' })).toBe('service-restored');
  });

  it('offer option unions, not strings', () => {
    expectTypeOf<NonNullable<OpenOptions['isolation']>>().toEqualTypeOf<'in-process' | 'worker' | 'auto'>();
    expectTypeOf<NonNullable<OpenOptions['driver']>>().toEqualTypeOf<'auto' | DriverName | PcscDriver>();
    expectTypeOf<DriverName>().toEqualTypeOf<'pcscd' | 'pcsclite' | 'smartcard' | 'winscard'>();
    expectTypeOf<NonNullable<ConnectOptions['share']>>().toEqualTypeOf<'shared' | 'exclusive' | 'direct'>();
    expectTypeOf<NonNullable<ConnectOptions['onReset']>>().toEqualTypeOf<'throw' | 'reconnect'>();
    expectTypeOf<{ driver: 'pcscd-typo' }>().not.toExtend<OpenOptions>();
  });

  it('type transaction scopes and the automatic GET RESPONSE switch', () => {
    expectTypeOf<TransactionScope>().toEqualTypeOf<'system' | 'process'>();
    expectTypeOf<NonNullable<TransactionOptions['scope']>>().toEqualTypeOf<TransactionScope>();
    expectTypeOf<Parameters<Card['transaction']>[1]>().toEqualTypeOf<TransactionOptions | undefined>();
    expectTypeOf<{ scope: 'machine' }>().not.toExtend<TransactionOptions>();
    expectTypeOf<NonNullable<ConnectOptions['getResponse']>>().toEqualTypeOf<boolean>();
  });

  it('name states and quirks instead of numbers and strings', () => {
    expectTypeOf<ReaderInfo['state']>().toEqualTypeOf<ReaderState>();
    expectTypeOf<CardStatus['state']>().toEqualTypeOf<CardState>();
    expectTypeOf<QuirkNotice['quirk']>().toEqualTypeOf<QuirkId>();
  });

  it('keep Card construction to Pcsc.connect()', () => {
    expectTypeOf<typeof Card>().not.toExtend<new (...args: never[]) => Card>();
    expectTypeOf<Pcsc>().toHaveProperty('capabilities');
  });

  it('narrow a driver outcome on ok', () => {
    const value = (outcome: Outcome<number>): number => {
      if (outcome.ok) {
        expectTypeOf(outcome.value).toEqualTypeOf<number>();
        return outcome.value;
      }
      expectTypeOf(outcome.value).toEqualTypeOf<undefined>();
      return outcome.rc;
    };
    expect(value({ ok: false, rc: 6 })).toBe(6);
  });
});
