'use strict';
// Every call of the driver port through 'winscard' on its Windows code path: koffi's win32-x64
// binary, winscard.dll's …A entry points, the 64-byte SCARD_READERSTATEA, pointer-sized handles.
const { WinscardDriver, constants: c, returnCodes: rc } = require('resilient-pcsc/driver');
const { test, note, check, equal } = require('./runner.cjs');
const control = require('./control.cjs');

const SLOT = ['Virtual PCD 00 00', 'Virtual PCD 00 01'];
const PNP = '\\\\?PnP?\\Notification';
const SELECT_APPLET = Uint8Array.from([0x00, 0xa4, 0x04, 0x00, 0x06, 0xa0, 0x00, 0x00, 0x00, 0x18, 0xff]);
const TEST_COMMAND = Uint8Array.from([0x80, 0x34, 0x00, 0x0e, 0x0e]);
const TAG_IFD_SLOTS_NUMBER = 0x0fae;
const SCARD_ATTR_ATR_STRING = 0x90303;
const SCARD_ATTR_VENDOR_NAME = 0x10100;
/** SCARD_CTL_CODE(3400) in pcsc-lite's numbering; the driver rebuilds it in Windows' form. */
const CM_IOCTL_GET_FEATURE_REQUEST = 0x42000000 + 3400;

/** 'win32'; 'linux' when the Linux side runs this suite with its own node for comparison. */
const EXPECTED_OS = process.env.RESILIENT_PCSC_WINE_SUITE === 'linux' ? 'linux' : 'win32';
/** The card in slot 0 keeps the protocol its first connection chose (T=0) while it stays powered. */
const ANY = 0x3;
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const code = (value) => `0x${(value >>> 0).toString(16)}`;

function value(outcome, what) {
  if (!outcome.ok) throw new Error(`${what} failed with ${code(outcome.rc)}`);
  return outcome.value;
}

function register(wine) {
  let driver;
  let context;
  const connect = async (reader, share, protocols, onContext = context) =>
    value(await driver.connect(onContext, reader, share, protocols), `SCardConnect(${reader})`);

  test('port: SCardEstablishContext gives a context on the Windows path', async () => {
    driver = new WinscardDriver();
    context = value(await driver.establishContext(), 'SCardEstablishContext');
    equal(driver.platform.os, EXPECTED_OS, 'the driver reports the platform');
  });

  test('port: SCardListReadersA lists both vpcd slots', async () => {
    const readers = value(await driver.listReaders(context), 'SCardListReaders');
    equal(JSON.stringify(readers), JSON.stringify(SLOT), 'readers');
  });

  test('port: SCardGetStatusChangeA reads states and each ATR at its offset in the 64-byte struct', async () => {
    const results = value(
      await driver.getStatusChange(
        context,
        SLOT.map((reader) => ({ reader, currentState: c.SCARD_STATE_UNAWARE })),
        0,
      ),
      'SCardGetStatusChange',
    );
    for (const [slot, result] of results.entries()) {
      equal(result.reader, SLOT[slot], 'reader name');
      check(result.eventState & c.SCARD_STATE_PRESENT, `${SLOT[slot]} shows a card: eventState ${code(result.eventState)}`);
      equal(hex(result.atr), await control.request('card-atr', slot), `${SLOT[slot]} ATR`);
    }
  });

  test('port: a status-change wait with nothing changing ends with SCARD_E_TIMEOUT after its timeout', async () => {
    const [now] = value(await driver.getStatusChange(context, [{ reader: SLOT[1], currentState: c.SCARD_STATE_UNAWARE }], 0), 'poll');
    const outcome = await driver.getStatusChange(context, [{ reader: SLOT[1], currentState: now.eventState }], 700);
    equal(outcome.rc, rc.SCARD_E_TIMEOUT, 'bounded wait');
  });

  test('port: the PnP notification reader waits and times out while no reader comes or goes', async () => {
    const outcome = await driver.getStatusChange(context, [{ reader: PNP, currentState: 0 }], 700);
    equal(outcome.rc, rc.SCARD_E_TIMEOUT, 'PnP wait');
  });

  test('port: SCardCancel ends a wait on a card and a PnP wait', async () => {
    for (const reader of [SLOT[1], PNP]) {
      const currentState =
        reader === PNP ? 0 : value(await driver.getStatusChange(context, [{ reader, currentState: c.SCARD_STATE_UNAWARE }], 0), 'poll')[0].eventState;
      const wait = driver.getStatusChange(context, [{ reader, currentState }], 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      equal(await driver.cancel(context), rc.SCARD_S_SUCCESS, 'SCardCancel');
      equal((await wait).rc, rc.SCARD_E_CANCELLED, `the cancelled wait on ${reader}`);
    }
  });

  test('port: a status-change wait sees the card leave and come back', async () => {
    const [now] = value(await driver.getStatusChange(context, [{ reader: SLOT[0], currentState: c.SCARD_STATE_UNAWARE }], 0), 'poll');
    const removal = driver.getStatusChange(context, [{ reader: SLOT[0], currentState: now.eventState }], 20_000);
    await control.request('remove-card', 0);
    const [gone] = value(await removal, 'wait for removal');
    check(gone.eventState & c.SCARD_STATE_EMPTY && gone.eventState & c.SCARD_STATE_CHANGED, `removal: ${code(gone.eventState)}`);
    equal(gone.atr.length, 0, 'no ATR once the card is gone');
    const insertion = driver.getStatusChange(context, [{ reader: SLOT[0], currentState: gone.eventState }], 20_000);
    await control.request('insert-card', 0);
    const [back] = value(await insertion, 'wait for insertion');
    check(back.eventState & c.SCARD_STATE_PRESENT, `insertion: ${code(back.eventState)}`);
    equal(hex(back.atr), await control.request('card-atr', 0), 'ATR after insertion');
  });

  test('port: SCardTransmit over T=0 and over T=1 (SCARD_IO_REQUEST of 8 bytes)', async () => {
    // The card in slot 0 was just inserted: nobody has chosen its protocol yet.
    const t0 = await connect(SLOT[0], c.SCARD_SHARE_SHARED, c.SCARD_PROTOCOL_T0);
    equal(t0.protocol, c.SCARD_PROTOCOL_T0, 'the seed card negotiates T=0 when asked for it');
    equal(hex(value(await driver.transmit(t0.handle, t0.protocol, SELECT_APPLET), 'SELECT over T=0')), '9000', 'SELECT over T=0');
    equal(hex(value(await driver.transmit(t0.handle, t0.protocol, TEST_COMMAND), 'case 2 over T=0')), '000102030405060708090a0b0c0d9000', 'data over T=0');
    await driver.disconnect(t0.handle, c.SCARD_LEAVE_CARD);
    const t1 = await connect(SLOT[1], c.SCARD_SHARE_SHARED, c.SCARD_PROTOCOL_T0 | c.SCARD_PROTOCOL_T1);
    equal(t1.protocol, c.SCARD_PROTOCOL_T1, 'the second card offers only T=1');
    equal(hex(value(await driver.transmit(t1.handle, t1.protocol, SELECT_APPLET), 'SELECT over T=1')), '9000', 'SELECT over T=1');
    equal((await driver.transmit(t1.handle, c.SCARD_PROTOCOL_T0, SELECT_APPLET)).rc, rc.SCARD_E_PROTO_MISMATCH, 'T=0 on a T=1 connection');
    await driver.disconnect(t1.handle, c.SCARD_LEAVE_CARD);
  });

  test('port: SCardConnectA in shared, exclusive and direct mode, with the sharing each allows', async () => {
    const other = value(await driver.establishContext(), 'second context');
    const shared = await connect(SLOT[0], c.SCARD_SHARE_SHARED, c.SCARD_PROTOCOL_T0 | c.SCARD_PROTOCOL_T1);
    equal(
      (await driver.connect(other, SLOT[0], c.SCARD_SHARE_EXCLUSIVE, c.SCARD_PROTOCOL_T0 | c.SCARD_PROTOCOL_T1)).rc,
      rc.SCARD_E_SHARING_VIOLATION,
      'exclusive beside a shared handle',
    );
    equal(await driver.disconnect(shared.handle, c.SCARD_LEAVE_CARD), rc.SCARD_S_SUCCESS, 'disconnect');
    const exclusive = await connect(SLOT[0], c.SCARD_SHARE_EXCLUSIVE, c.SCARD_PROTOCOL_T0 | c.SCARD_PROTOCOL_T1, other);
    equal(
      (await driver.connect(context, SLOT[0], c.SCARD_SHARE_SHARED, c.SCARD_PROTOCOL_T0 | c.SCARD_PROTOCOL_T1)).rc,
      rc.SCARD_E_SHARING_VIOLATION,
      'shared beside an exclusive handle',
    );
    equal(await driver.disconnect(exclusive.handle, c.SCARD_LEAVE_CARD), rc.SCARD_S_SUCCESS, 'disconnect');
    const direct = await connect(SLOT[1], c.SCARD_SHARE_DIRECT, 0);
    check([c.SCARD_PROTOCOL_UNDEFINED, c.SCARD_PROTOCOL_T0, c.SCARD_PROTOCOL_T1].includes(direct.protocol), `direct connection’s protocol ${direct.protocol}`);
    equal(await driver.disconnect(direct.handle, c.SCARD_LEAVE_CARD), rc.SCARD_S_SUCCESS, 'disconnect');
    equal(await driver.releaseContext(other), rc.SCARD_S_SUCCESS, 'release the second context');
  });

  test('port: SCardReconnect with each initialisation', async () => {
    const card = await connect(SLOT[1], c.SCARD_SHARE_SHARED, c.SCARD_PROTOCOL_T1);
    for (const [name, initialization] of [
      ['leave', c.SCARD_LEAVE_CARD],
      ['reset', c.SCARD_RESET_CARD],
      ['unpower', c.SCARD_UNPOWER_CARD],
    ]) {
      const protocol = value(await driver.reconnect(card.handle, c.SCARD_SHARE_SHARED, c.SCARD_PROTOCOL_T1, initialization), `reconnect ${name}`);
      equal(protocol, c.SCARD_PROTOCOL_T1, `protocol after reconnect ${name}`);
      equal(hex(value(await driver.transmit(card.handle, protocol, SELECT_APPLET), `SELECT after ${name}`)), '9000', `SELECT after reconnect ${name}`);
    }
    await driver.disconnect(card.handle, c.SCARD_LEAVE_CARD);
  });

  test('port: SCardStatusA names the reader, protocol and ATR; its state is Windows’ number', async () => {
    const card = await connect(SLOT[0], c.SCARD_SHARE_SHARED, ANY);
    const status = value(await driver.status(card.handle), 'SCardStatus');
    equal(status.reader, SLOT[0], 'reader');
    equal(status.protocol, card.protocol, 'protocol');
    equal(hex(status.atr), await control.request('card-atr', 0), 'ATR');
    // Windows' state 6 (SCARD_SPECIFIC) becomes pcsc-lite's bits PRESENT | POWERED | SPECIFIC.
    const specific = c.SCARD_PRESENT | c.SCARD_POWERED | c.SCARD_SPECIFIC;
    if (wine) {
      // pcsc-lite's bitmask (0x...34) arrives as is and is read as a Windows state number above 6.
      equal(status.state, 0x1, 'Wine: pcsc-lite’s state bits read as a Windows state give SCARD_UNKNOWN');
      note('SCardStatusA: Wine passes pcsc-lite’s state bitmask through, so Windows’ numbered states 0-6 are not shown here');
    } else if (EXPECTED_OS === 'linux') {
      equal(status.state & 0xffff, c.SCARD_PRESENT | c.SCARD_POWERED | c.SCARD_NEGOTIABLE, 'pcsc-lite’s state of a connected card');
    } else {
      equal(status.state, specific, 'state');
    }
    await driver.disconnect(card.handle, c.SCARD_LEAVE_CARD);
  });

  test('port: SCardGetAttrib, SCardSetAttrib and SCardControl', async () => {
    const card = await connect(SLOT[0], c.SCARD_SHARE_SHARED, ANY);
    equal(hex(value(await driver.getAttribute(card.handle, TAG_IFD_SLOTS_NUMBER), 'SCardGetAttrib')), '02', 'vpcd’s slot count');
    const unsupported = await driver.getAttribute(card.handle, SCARD_ATTR_ATR_STRING);
    const controlled = await driver.control(card.handle, CM_IOCTL_GET_FEATURE_REQUEST, new Uint8Array(0));
    if (wine) {
      // pcsc-lite's SCARD_E_UNSUPPORTED_FEATURE is 0x8010001F, which is SCARD_E_UNEXPECTED on Windows.
      equal(unsupported.rc, rc.SCARD_F_UNKNOWN_ERROR, 'Wine: an attribute vpcd lacks');
      note('SCardGetAttrib: Wine passes pcsc-lite’s 0x8010001F (SCARD_E_UNEXPECTED on Windows) where Windows answers SCARD_E_UNSUPPORTED_FEATURE');
      note(`SCardControl: Wine hands Windows’ control code 0x313520 to pcsc-lite untranslated; vpcd answered ${code(controlled.rc)}`);
      check(!controlled.ok, 'Wine: vpcd cannot know the Windows form of the feature request');
    } else {
      equal(unsupported.rc, rc.SCARD_E_UNSUPPORTED_FEATURE, 'an attribute the reader lacks');
      check(controlled.ok || controlled.rc === rc.SCARD_E_UNSUPPORTED_FEATURE, `feature request: ${code(controlled.rc)}`);
    }
    equal(await driver.setAttribute(card.handle, SCARD_ATTR_VENDOR_NAME, Uint8Array.of(0x41)), rc.SCARD_E_NOT_TRANSACTED, 'SCardSetAttrib refused by vpcd');
    await driver.disconnect(card.handle, c.SCARD_LEAVE_CARD);
  });

  test('port: SCardBeginTransaction excludes another handle until SCardEndTransaction', async () => {
    const holder = await connect(SLOT[0], c.SCARD_SHARE_SHARED, ANY);
    const other = value(await driver.establishContext(), 'second context');
    const waiter = await connect(SLOT[0], c.SCARD_SHARE_SHARED, ANY, other);
    equal(await driver.beginTransaction(holder.handle), rc.SCARD_S_SUCCESS, 'begin');
    let began = false;
    const second = driver.beginTransaction(waiter.handle).then((result) => {
      began = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    check(!began, 'the second handle waits while the first holds the transaction');
    equal(await driver.endTransaction(holder.handle, c.SCARD_LEAVE_CARD), rc.SCARD_S_SUCCESS, 'end');
    equal(await second, rc.SCARD_S_SUCCESS, 'the waiting begin');
    equal(await driver.endTransaction(waiter.handle, c.SCARD_RESET_CARD), rc.SCARD_S_SUCCESS, 'end with a reset');
    await driver.disconnect(holder.handle, c.SCARD_LEAVE_CARD);
    await driver.disconnect(waiter.handle, c.SCARD_LEAVE_CARD);
    await driver.releaseContext(other);
  });

  test('port: SCardDisconnect with each disposition', async () => {
    for (const [name, disposition] of [
      ['leave', c.SCARD_LEAVE_CARD],
      ['reset', c.SCARD_RESET_CARD],
      ['unpower', c.SCARD_UNPOWER_CARD],
      ['eject', c.SCARD_EJECT_CARD],
    ]) {
      const card = await connect(SLOT[1], c.SCARD_SHARE_SHARED, c.SCARD_PROTOCOL_T1);
      equal(await driver.disconnect(card.handle, disposition), rc.SCARD_S_SUCCESS, `disconnect ${name}`);
      equal((await driver.status(card.handle)).rc, rc.SCARD_E_INVALID_HANDLE, `the handle is gone after ${name}`);
    }
  });

  test('port: SCardReleaseContext, after which the context is invalid', async () => {
    equal(await driver.releaseContext(context), rc.SCARD_S_SUCCESS, 'release');
    equal((await driver.listReaders(context)).rc, rc.SCARD_E_INVALID_HANDLE, 'listing through a released context');
    await driver.dispose();
  });
}

module.exports = { register };
