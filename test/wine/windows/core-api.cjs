'use strict';
// The library's own API on top of 'winscard' under Windows node.exe: listing, events, waitForCard,
// transactions shared with a Linux PySCard process, recovery across a pcscd kill and restart.
const { Pcsc, NoServiceError, TimeoutError, UnknownReaderError, UnsupportedFeatureError, PcscError } = require('resilient-pcsc');
const { test, note, check, equal, rejectsWith } = require('./runner.cjs');
const control = require('./control.cjs');

const SLOT = ['Virtual PCD 00 00', 'Virtual PCD 00 01'];
const SELECT_APPLET = '00 A4 04 00 06 A0 00 00 00 18 FF';
const GRACE_MS = 1000;

/** Resolves with the first event named `type` (for `reader` if given) that `pcsc` emits. */
function nextEvent(pcsc, type, reader, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
    const listener = (payload) => {
      if (reader && payload && payload.name !== reader) return;
      clearTimeout(timer);
      pcsc.off(type, listener);
      resolve(payload);
    };
    pcsc.on(type, listener);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function register(wine) {
  let pcsc;

  test('core: Pcsc.open with driver winscard reports Windows and all capabilities', async () => {
    pcsc = await Pcsc.open({ driver: 'winscard', requireService: true });
    equal(process.platform, process.env.RESILIENT_PCSC_WINE_SUITE === 'linux' ? 'linux' : 'win32', 'platform');
    for (const [name, present] of Object.entries(pcsc.capabilities)) check(present, `capability ${name}`);
  });

  test('core: listReaders gives both slots with their cards’ ATRs', async () => {
    const readers = await pcsc.listReaders();
    equal(readers.map((reader) => reader.name).join('|'), SLOT.join('|'), 'reader names');
    for (const [slot, reader] of readers.entries()) {
      equal(reader.state, 'present', `${reader.name} state`);
      equal(Buffer.from(reader.atr).toString('hex'), await control.request('card-atr', slot), `${reader.name} ATR`);
    }
  });

  test('core: card-removed and card-inserted events, and the events() iterator', async () => {
    const abort = new AbortController();
    const seen = [];
    const iterating = (async () => {
      for await (const event of pcsc.events({ signal: abort.signal })) {
        if (event.type === 'card-removed' || event.type === 'card-inserted') seen.push(`${event.type} ${event.reader.name}`);
        if (seen.length === 2) break;
      }
    })().catch(() => undefined);
    // waitForCard resolves once the monitor has read every reader, so the removal is a change it sees.
    await pcsc.waitForCard({ reader: SLOT[1], timeout: 10_000 });
    const removed = nextEvent(pcsc, 'card-removed', SLOT[1]);
    await control.request('remove-card', 1);
    await removed;
    const inserted = nextEvent(pcsc, 'card-inserted', SLOT[1]);
    await control.request('insert-card', 1);
    equal(Buffer.from((await inserted).atr).toString('hex'), await control.request('card-atr', 1), 'ATR in card-inserted');
    await Promise.race([iterating, sleep(5000)]);
    abort.abort();
    equal(seen.join(', '), `card-removed ${SLOT[1]}, card-inserted ${SLOT[1]}`, 'events() saw the same');
  });

  test('core: waitForCard finds a present card, and a later one; an empty slot times out', async () => {
    equal((await pcsc.waitForCard({ reader: SLOT[0], timeout: 5000 })).name, SLOT[0], 'present card');
    const removed = nextEvent(pcsc, 'card-removed', SLOT[1]);
    await control.request('remove-card', 1);
    await removed;
    await rejectsWith(pcsc.waitForCard({ reader: SLOT[1], timeout: 1500 }), TimeoutError, 'empty slot');
    const waiting = pcsc.waitForCard({ reader: SLOT[1], timeout: 20_000 });
    await sleep(300);
    await control.request('insert-card', 1);
    equal((await waiting).name, SLOT[1], 'card inserted while waiting');
    await rejectsWith(pcsc.waitForCard({ reader: 'No Such Reader 00 00', timeout: 1000 }), UnknownReaderError, 'unknown reader');
  });

  test('core: connect, transmit, status, attributes through Card', async () => {
    const card = await pcsc.connect(SLOT[0]);
    equal((await card.transmit(SELECT_APPLET)).sw, 0x9000, 'SELECT');
    const status = await card.status();
    equal(status.reader, SLOT[0], 'status reader');
    if (wine) {
      equal(status.state, 'unknown', 'Wine: card.status() state from pcsc-lite’s bits read as a Windows number');
      note("card.status(): state is 'unknown' under Wine (pcsc-lite bits); unit tests cover Windows’ numbered states");
      const error = await rejectsWith(card.getAttribute(0x90303), PcscError, 'Wine: getAttribute of what vpcd lacks');
      check(!(error instanceof UnsupportedFeatureError), 'Wine’s 0x8010001F is Windows’ SCARD_E_UNEXPECTED, not an unsupported feature');
    } else if (process.platform === 'linux') {
      equal(status.state, 'negotiable', 'pcsc-lite’s state of a connected card');
      await rejectsWith(card.getAttribute(0x90303), UnsupportedFeatureError, 'getAttribute of what the reader lacks');
    } else {
      equal(status.state, 'specific', 'status state');
      await rejectsWith(card.getAttribute(0x90303), UnsupportedFeatureError, 'getAttribute of what the reader lacks');
    }
    await card.disconnect('reset');
  });

  test('core: a transaction here makes a Linux PySCard process wait', async () => {
    const card = await pcsc.connect(SLOT[0]);
    await card.transaction(async () => {
      await control.request('python-start', 'take', 0, 'Trying');
      equal(await control.request('python-printed', 'Began', GRACE_MS), 'no', 'PySCard began while this process held the card');
    });
    equal(await control.request('python-printed', 'Began', 10_000), 'yes', 'PySCard begins once the transaction ended');
    equal(await control.request('python-end'), '0:Trying,Began,Ended', 'PySCard’s run');
    await card.disconnect();
  });

  test('core: a Linux PySCard process’s transaction makes this one wait', async () => {
    const card = await pcsc.connect(SLOT[0]);
    await control.request('python-start', 'hold', 0, 'Began');
    const order = [];
    const transaction = card.transaction(() => {
      order.push('windows began');
    });
    await sleep(GRACE_MS);
    order.push('python ends');
    equal(await control.request('python-end'), '0:Began,Ended', 'PySCard’s run');
    await transaction;
    equal(order.join(', '), 'python ends, windows began', 'order');
    await card.disconnect();
  });

  test('core: recovery across a pcscd kill and restart', async () => {
    const card = await pcsc.connect(SLOT[0]);
    const lost = nextEvent(pcsc, 'service-lost');
    await control.request('kill-pcscd');
    check((await lost) instanceof NoServiceError, 'service-lost carries a NoServiceError');
    await rejectsWith(card.transmit(SELECT_APPLET), NoServiceError, 'transmit on the old card while pcscd is down');
    const restored = nextEvent(pcsc, 'service-restored', undefined, 30_000);
    const inserted = nextEvent(pcsc, 'card-inserted', SLOT[0], 30_000);
    await control.request('start-pcscd');
    await restored;
    await inserted;
    await card.reconnect();
    equal((await card.transmit(SELECT_APPLET)).sw, 0x9000, 'the reconnected card answers');
    const fresh = await pcsc.connect(SLOT[1]);
    equal((await fresh.transmit(SELECT_APPLET)).sw, 0x9000, 'a new connection answers');
    await fresh.disconnect();
    await card.disconnect();
  }, 90_000);

  test('core: close ends monitoring and leaves nothing running', async () => {
    await pcsc.close();
    check(pcsc.isClosed, 'closed');
  });
}

module.exports = { register };
