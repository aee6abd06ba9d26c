/**
 * PySCard's own transaction samples (sample_transaction.py, sample_ExclusiveCardConnection.py) and
 * their Node ports, run against the same real pcscd and card through every real driver; and the
 * facade's ExclusiveTransmitCardConnection / ExclusiveConnectCardConnection holding the card
 * against PySCard in another process. Drivers without SCardBeginTransaction ('pcsclite',
 * 'smartcard') answer SCARD_E_UNSUPPORTED_FEATURE instead of pretending: the tests pin that down.
 */
import { DRIVERS_WITH_TRANSACTIONS } from '../../src/core/transaction-options';
import {
  configure,
  CardConnectionException,
  ExclusiveConnectCardConnection,
  ExclusiveTransmitCardConnection,
  readers,
  SCardBeginTransaction,
  SCardConnect,
  SCardDisconnect,
  SCardEndTransaction,
  SCardEstablishContext,
  SCardReleaseContext,
  SCARD_E_UNSUPPORTED_FEATURE,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_S_SUCCESS,
  SCARD_SCOPE_USER,
  SCARD_SHARE_SHARED,
  shutdown,
} from '../../src/pyscard';
import { REAL_DRIVERS } from '../harness/drivers';
import { withHarness } from '../harness/with-harness';
import { RunningScript, runNodePort, runScript } from '../parity/run-script';
import { seedCardT0 } from '../parity/seed-card';
import { SELECT_BYTES } from '../fixtures/seed';

const harness = withHarness({ card: seedCardT0 });
jest.setTimeout(60_000);

const READER = 'Virtual PCD 00 00';
const SELECT = Array.from(SELECT_BYTES);
/** Time PySCard gets to send its command; a transaction that failed to hold it back would let it answer within it. */
const GRACE_MS = 1_000;
const UNSUPPORTED = 'Feature not supported.';

const withTransactions = REAL_DRIVERS.filter((driver) => (DRIVERS_WITH_TRANSACTIONS as readonly string[]).includes(driver));
const withoutTransactions = REAL_DRIVERS.filter((driver) => !withTransactions.includes(driver));

const TRANSACTION_SAMPLE = [
  'Context established!',
  `PCSC Readers: ['${READER}', 'Virtual PCD 00 01']`,
  `Trying to perform transaction on card in ${READER}`,
  'Connected with active protocol 1',
  'Beginning transaction',
  'ATR: 0x3B 0x65 0x00 0x00 0x9C 0x11 0x01 0x01 0x03 ',
  'Transaction ended',
  'Disconnected',
  'Trying to perform transaction on card in Virtual PCD 00 01',
  "<class 'scard.error'> unable to connect: No smart card inserted.",
  'Released context.',
];

const EXCLUSIVE_SAMPLE = [`connecting to ${READER}`, 'ATR 3B 65 00 00 9C 11 01 01 03', '> A0 A4 00 00 02 7F 10', '<  [] 6A 82'];
/**
 * PySCard prints these while the interpreter exits: PCSCCardConnection.__del__ disconnects (and
 * tells the observer). Node has no destructors, and the sample never disconnects, so the port does not.
 */
const PYTHON_EXIT_LINES = [`disconnecting from ${READER}`, `disconnecting from ${READER}`];

describe('sample_transaction: PySCard and the Node port print the same lines', () => {
  let python: string[];

  beforeAll(async () => {
    python = (await runScript('python', 'sample_transaction')).lines;
  });

  it('PySCard begins and ends the transaction on the card and reports the empty reader', () => {
    expect(python).toEqual(TRANSACTION_SAMPLE);
  });

  it.each(withTransactions)('through %s', async (driver) => {
    const node = await runNodePort('sample_transaction', driver);
    expect(node.stderr).toBe('');
    expect(node.lines).toEqual(python);
  });

  it("on the facade's default driver (the core's 'auto')", async () => {
    const node = await runNodePort('sample_transaction', 'auto');
    expect(node.stderr).toBe('');
    expect(node.lines).toEqual(python);
  });

  it.each(withoutTransactions)('through %s SCardBeginTransaction answers SCARD_E_UNSUPPORTED_FEATURE, which the sample reports', async (driver) => {
    const node = await runNodePort('sample_transaction', driver);
    expect(node.stderr).toBe('');
    // Begin fails, then the sample's finally block fails to end the transaction and raises that
    // instead, before it disconnects: what PySCard does with these codes too.
    expect(node.lines).toEqual([
      ...TRANSACTION_SAMPLE.slice(0, 4),
      `<class 'scard.error'> failed to end transaction: ${UNSUPPORTED}`,
      ...TRANSACTION_SAMPLE.slice(8),
    ]);
  });
});

describe('sample_ExclusiveCardConnection: PySCard and the Node port print the same lines', () => {
  let python: string[];

  beforeAll(async () => {
    python = (await runScript('python', 'sample_ExclusiveCardConnection')).lines;
  });

  it('PySCard traces the exclusive connect and the SELECT between lock() and unlock()', () => {
    expect(python).toEqual([...EXCLUSIVE_SAMPLE, ...PYTHON_EXIT_LINES]);
  });

  it.each(withTransactions)('through %s', async (driver) => {
    const node = await runNodePort('sample_ExclusiveCardConnection', driver);
    expect(node.stderr).toBe('');
    expect(node.code).toBe(0);
    expect(node.lines).toEqual(python.slice(0, python.length - PYTHON_EXIT_LINES.length));
  });

  it("on the facade's default driver (the core's 'auto')", async () => {
    const node = await runNodePort('sample_ExclusiveCardConnection', 'auto');
    expect(node.stderr).toBe('');
    expect(node.code).toBe(0);
    expect(node.lines).toEqual(python.slice(0, python.length - PYTHON_EXIT_LINES.length));
  });

  it.each(withoutTransactions)('through %s lock() fails, and so does unlock() in the finally block', async (driver) => {
    const node = await runNodePort('sample_ExclusiveCardConnection', driver);
    expect(node.lines).toEqual(EXCLUSIVE_SAMPLE.slice(0, 2));
    expect(node.stderr).toContain(`CardConnectionException: Failed to unlock with SCardEndTransaction: ${UNSUPPORTED}`);
    expect(node.code).not.toBe(0);
  });
});

describe.each(withTransactions)('the facade holding the card through %s against PySCard in another process', (driver) => {
  beforeEach(async () => {
    await configure({ driver });
  });
  afterEach(async () => {
    await shutdown();
    await configure({});
  });

  it('ExclusiveTransmitCardConnection.lock() makes PySCard’s transmit wait until unlock(); its own transmit goes through', async () => {
    const python = new RunningScript('python', 'contend', [harness.readerName]);
    const connection = new ExclusiveTransmitCardConnection((await readers())[0]!.createConnection());
    try {
      await python.waitForLine('Connected 0x00000000 Command successful.');
      await connection.connect();
      await connection.lock();
      python.sendLine();
      await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
      await expect(python.waitForLine('Transmit 0x00000000 Command successful. 90 00', 0)).rejects.toThrow(/did not print/);
      expect(await connection.transmit(SELECT)).toEqual([[], 0x90, 0x00]);
      await connection.unlock();
      const result = await python.finished();
      expect(result.lines).toEqual(['Trying', 'Connected 0x00000000 Command successful.', 'Transmit 0x00000000 Command successful. 90 00']);
    } finally {
      python.kill();
      await connection.disconnect();
    }
  });

  it('lock() twice needs unlock() twice, as pcsc-lite nests a handle’s transactions; a third unlock() is "Transaction failed."', async () => {
    const connection = new ExclusiveTransmitCardConnection((await readers())[0]!.createConnection());
    await connection.connect();
    await connection.lock();
    await connection.lock();
    await connection.unlock();
    const python = new RunningScript('python', 'transaction', ['take', harness.readerName]);
    try {
      await python.waitForLine('Trying');
      await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
      await expect(python.waitForLine('Began', 0)).rejects.toThrow(/did not print "Began"/);
      await connection.unlock();
      expect((await python.finished()).lines).toEqual(['Trying', 'Began', 'Ended']);
      await expect(connection.unlock()).rejects.toThrow(new CardConnectionException('Failed to unlock with SCardEndTransaction: Transaction failed.'));
    } finally {
      python.kill();
      await connection.disconnect();
    }
  });

  it('ExclusiveConnectCardConnection keeps PySCard out: shared.py gets the sharing violation until disconnect()', async () => {
    const connection = new ExclusiveConnectCardConnection((await readers())[0]!.createConnection());
    await connection.connect();
    try {
      const contender = await runScript('python', 'shared');
      expect(contender.lines).toEqual([`Using: ${READER}`, 'CardConnectionException: Unable to connect with protocol: T0 or T1. Sharing violation.']);
      expect(await connection.transmit(SELECT)).toEqual([[], 0x90, 0x00]);
    } finally {
      await connection.disconnect();
    }
    expect((await runScript('python', 'shared')).lines).toEqual([`Using: ${READER}`, 'Connected']);
  });
});

describe.each(withoutTransactions)('through %s, which has no SCardBeginTransaction', (driver) => {
  beforeEach(async () => {
    await configure({ driver });
  });
  afterEach(async () => {
    await shutdown();
    await configure({});
  });

  it('lock() refuses with "Feature not supported." rather than let PySCard in unnoticed', async () => {
    const connection = new ExclusiveTransmitCardConnection((await readers())[0]!.createConnection());
    await connection.connect();
    try {
      await expect(connection.lock()).rejects.toThrow(new CardConnectionException(`Failed to lock with SCardBeginTransaction: ${UNSUPPORTED}`));
      // Nothing holds the card: PySCard's command goes through at once.
      const python = new RunningScript('python', 'contend', [harness.readerName]);
      await python.waitForLine('Connected 0x00000000 Command successful.');
      python.sendLine();
      expect((await python.finished()).lines).toContain('Transmit 0x00000000 Command successful. 90 00');
      await expect(connection.unlock()).rejects.toThrow(new CardConnectionException(`Failed to unlock with SCardEndTransaction: ${UNSUPPORTED}`));
    } finally {
      await connection.disconnect();
    }
  });

  it('SCardBeginTransaction and SCardEndTransaction return SCARD_E_UNSUPPORTED_FEATURE, no exception', async () => {
    const [established, context] = await SCardEstablishContext(SCARD_SCOPE_USER);
    expect(established).toBe(SCARD_S_SUCCESS);
    const [connected, card] = await SCardConnect(context, harness.readerName, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
    expect(connected).toBe(SCARD_S_SUCCESS);
    expect(await SCardBeginTransaction(card)).toBe(SCARD_E_UNSUPPORTED_FEATURE);
    expect(await SCardEndTransaction(card, SCARD_LEAVE_CARD)).toBe(SCARD_E_UNSUPPORTED_FEATURE);
    expect(await SCardDisconnect(card, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
    expect(await SCardReleaseContext(context)).toBe(SCARD_S_SUCCESS);
  });
});
