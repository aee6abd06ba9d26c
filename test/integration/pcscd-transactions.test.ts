/**
 * card.transaction() on the 'pcscd' driver is pcscd's own lock (SCardBeginTransaction), so it keeps
 * other processes away from the card, both ways: against PySCard (libpcsclite) and against a second
 * process of this library. Order is read from the card's own log, not from a clock.
 */
import { Pcsc } from '../../src/compose/pcsc';
import { RunningScript, type Language } from '../parity/run-script';
import { withHarness } from '../harness/with-harness';

const harness = withHarness();
const PEER = '../integration/fixtures/transaction-peer';
/** Long enough for the peer's request to reach pcscd and be refused a few times (it asks every 100 ms). */
const CHANCE_MS = 500;

function tagged(tag: number): Uint8Array {
  return Uint8Array.of(0x80, 0xca, 0x00, tag, 0x00);
}

/** Positions in the card's log of the commands carrying `tag`. */
function positions(tag: number): number[] {
  return harness.card.log.flatMap((entry, index) => (entry.command[1] === 0xca && entry.command[3] === tag ? [index] : []));
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

jest.setTimeout(60_000);

describe.each<Language>(['python', 'node'])("card.transaction() through 'pcscd' against another process (%s)", (language) => {
  let pcsc: Pcsc;
  const peers: RunningScript[] = [];
  beforeEach(async () => {
    pcsc = await Pcsc.open({ driver: 'pcscd', quirks: 'none' });
  });
  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.kill();
    await pcsc.close();
  });

  it('the other process cannot transmit while this one is inside a transaction', async () => {
    const card = await pcsc.connect(harness.readerName);
    const ours = language === 'python' ? 0x11 : 0x21;
    const theirs = ours + 1;
    // pcscd holds back SCardConnect while a transaction is on, so the peer connects first.
    const peer = new RunningScript(language, PEER, [harness.readerName, 'send', theirs.toString(16)]);
    peers.push(peer);
    await peer.waitForLine('connected');
    await card.transaction(async () => {
      await card.transmit(tagged(ours));
      peer.sendLine();
      await peer.waitForLine('sending');
      await pause(CHANCE_MS);
      await card.transmit(tagged(ours));
      expect(positions(theirs)).toEqual([]);
    });
    await peer.waitForLine('sent 00000000');
    const [first, last] = [positions(ours).at(0) ?? -1, positions(ours).at(-1) ?? -1];
    expect(last - first).toBe(1);
    expect(positions(theirs)).toHaveLength(1);
    expect(positions(theirs)[0]).toBeGreaterThan(last);
    expect((await peer.finished()).code).toBe(0);
    await card.disconnect();
  });

  it("this process's transmit waits while the other process holds a transaction", async () => {
    const theirs = language === 'python' ? 0x31 : 0x41;
    const ours = theirs + 1;
    const card = await pcsc.connect(harness.readerName);
    const peer = new RunningScript(language, PEER, [harness.readerName, 'hold', theirs.toString(16)]);
    peers.push(peer);
    await peer.waitForLine('locked');
    let answered = false;
    const pending = card.transmit(tagged(ours)).then((response) => {
      answered = true;
      return response;
    });
    await pause(CHANCE_MS);
    expect(answered).toBe(false);
    expect(positions(ours)).toEqual([]);
    peer.sendLine();
    await peer.waitForLine('released');
    await pending;
    expect(positions(theirs)).toHaveLength(2);
    expect(positions(ours)[0]).toBeGreaterThan(positions(theirs)[1] ?? Infinity);
    expect((await peer.finished()).code).toBe(0);
    await card.disconnect();
  });
});
