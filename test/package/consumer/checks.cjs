// What an application does with the installed package, run once from CommonJS and once from an
// ES module. `lib` holds the entry points loaded in one format, `other` the same in the other.
'use strict';
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');

const READER = 'Virtual PCD 00 00';
const SELECT = '00 A4 04 00 06 A0 00 00 00 18 FF';
const COMMAND = '80 34 00 0E 0E';
const DATA = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
const DRIVERS = ['pcscd', 'pcsclite', 'smartcard', 'winscard'];

async function transmitThroughEachDriver(root) {
  for (const driver of DRIVERS) {
    const pcsc = await root.Pcsc.open({ driver, requireService: true });
    try {
      const names = (await pcsc.listReaders()).map((reader) => reader.name);
      assert.ok(names.includes(READER), `${driver}: readers ${JSON.stringify(names)}`);
      const card = await pcsc.connect(READER);
      assert.equal((await card.transmit(SELECT)).sw, 0x9000, `${driver}: SELECT`);
      const answer = await card.transmit(COMMAND);
      assert.deepEqual([...answer.data], DATA, `${driver}: test command data`);
      assert.equal(answer.sw, 0x9000);
      await card.disconnect();
    } finally {
      await pcsc.close();
    }
  }
}

async function transmitThroughPyscard(pyscard) {
  for (const driver of DRIVERS) {
    await pyscard.configure({ driver });
    const reader = (await pyscard.readers()).find((each) => String(each) === READER);
    assert.ok(reader, `pyscard/${driver}: ${READER} listed`);
    const connection = reader.createConnection();
    await connection.connect();
    const [, sw1, sw2] = await connection.transmit(pyscard.toBytes(SELECT));
    assert.deepEqual([sw1, sw2], [0x90, 0x00], `pyscard/${driver}: SELECT`);
    const [data] = await connection.transmit(pyscard.toBytes(COMMAND));
    assert.deepEqual(data, DATA, `pyscard/${driver}: test command data`);
    await connection.disconnect();
  }
}

/** One class per format: an error raised through /pyscard is the root's class, in both formats. */
async function classesAreShared(lib, other) {
  const { root, pyscard } = lib;
  await pyscard.configure({ driver: 'pcsclite' });
  const shared = await pyscard.getPcsc();
  assert.ok(shared instanceof root.Pcsc, 'getPcsc() instanceof Pcsc');
  assert.ok(shared instanceof other.root.Pcsc, 'getPcsc() instanceof the other format\'s Pcsc');
  const holder = await other.root.Pcsc.open({ driver: 'smartcard' });
  assert.ok(holder instanceof root.Pcsc, 'a Pcsc of the other format is instanceof Pcsc');
  try {
    const exclusive = await holder.connect(READER, { share: 'exclusive' });
    const failure = await shared.connect(READER).then(
      () => assert.fail('connect succeeded while another application held the card exclusively'),
      (error) => error,
    );
    for (const [format, classes] of [['same format', root], ['other format', other.root]]) {
      assert.ok(failure instanceof classes.SharingViolationError, `SharingViolationError (${format})`);
      assert.ok(failure instanceof classes.PcscError, `PcscError (${format})`);
      assert.ok(!(failure instanceof classes.CardResetError), `not CardResetError (${format})`);
    }
    await exclusive.disconnect();
  } finally {
    await holder.close();
    await pyscard.shutdown();
  }
  const apduError = captureError(() => other.root.CommandApdu.fromHex('zz'));
  assert.ok(apduError instanceof root.ApduError, 'ApduError across formats');
  assert.ok(apduError instanceof root.InvalidArgumentError, 'an ApduError is an InvalidArgumentError across formats');
  assert.ok(apduError instanceof root.PcscError, 'an ApduError is a PcscError across formats');
  assert.ok(!(apduError instanceof root.SharingViolationError), 'an ApduError is no SharingViolationError');
  const unavailable = new other.root.DriverUnavailableError('x', 'x');
  assert.ok(unavailable instanceof root.DriverUnavailableError, 'DriverUnavailableError across formats');
  assert.ok(!(new Error('plain') instanceof root.PcscError), 'a plain Error is no PcscError');
}

/** Classes among an entry point's exports: functions whose source is a class. */
function exportedClasses(entry) {
  return Object.entries(entry).filter(([, value]) => typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value)));
}

/**
 * Every exported class is named as it is exported, in this format: a bundler's placeholder
 * (`_Pcsc`, `_class5`) would show in `e.constructor.name`, error names, util.inspect and stack traces.
 */
async function classNamesAreKept(lib) {
  const wrong = [];
  let classes = 0;
  for (const [entryName, entry] of Object.entries(lib)) {
    for (const [exported, value] of exportedClasses(entry)) {
      classes += 1;
      if (value.name !== exported) wrong.push(`${entryName}.${exported} is named ${JSON.stringify(value.name)}`);
    }
  }
  assert.deepEqual(wrong, [], `exported classes named otherwise than exported:\n${wrong.join('\n')}`);
  // Each entry point exports classes; fewer than these would mean the check looked at nothing.
  for (const entryName of ['root', 'driver', 'testing', 'pyscard']) assert.ok(exportedClasses(lib[entryName]).length >= 2, `${entryName}: no classes found`);
  assert.ok(classes >= 80, `only ${classes} exported classes found`);
  const closed = await lib.root.Pcsc.open({ driver: 'pcscd' });
  await closed.close();
  const error = await closed.listReaders().then(() => assert.fail('listReaders after close resolved'), (failure) => failure);
  assert.equal(error.name, 'ClosedError');
  assert.equal(error.constructor.name, 'ClosedError');
  assert.match(String(error), /^ClosedError: /);
  const pyscardError = new lib.pyscard.CardConnectionException('test');
  assert.equal(pyscardError.constructor.name, 'CardConnectionException');
  console.log(`${classes} exported classes keep their names`);
}

function captureError(action) {
  try {
    action();
  } catch (error) {
    return error;
  }
  return assert.fail('expected an error');
}

/** Asynchronous: this process serves the virtual card, so its event loop must keep running. */
async function cliThroughNpx(directory) {
  const run = (args, env = process.env) => promisify(execFile)('npx', ['--no-install', 'resilient-pcsc', ...args], { cwd: directory, env });
  const npx = async (...args) => (await run(args)).stdout;
  const lines = (await npx('send', '-r', READER, SELECT, COMMAND)).trim().split('\n');
  assert.equal(lines.at(-1), '< 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 90 00 : Success', lines.join('\n'));
  const scan = JSON.parse(await npx('scan', '--once', '--json'));
  assert.ok(scan.readers.some((reader) => reader.name === READER && reader.state === 'present'), JSON.stringify(scan));
  assert.match(await npx('--version'), /^\d+\.\d+\.\d+/);
  const traced = await run(['send', '-r', READER, SELECT], { ...process.env, NODE_DEBUG: 'resilient-pcsc' });
  assert.match(traced.stderr, /^RESILIENT-PCSC \d+: SCardTransmit\(.*\) -> SCARD_S_SUCCESS \(0x00000000\) in \d+\.\d{3} ms$/m, traced.stderr);
}

/** A virtual NTAG215 in the second vpcd slot: NDEF written and read back through resilient-pcsc/nfc, UID through /nfc-pcsc. */
async function nfcThroughPackage(lib, other) {
  const NFC_READER = 'Virtual PCD 00 01';
  const tag = lib.testing.virtualType2Tag('ntag215');
  const slot = await tag.attachToVpcd({ port: 35964 });
  try {
    await slot.whenActivated();
    const pcsc = await lib.root.Pcsc.open({ requireService: true });
    try {
      const reader = await pcsc.waitForCard({ reader: NFC_READER, timeout: 10000 });
      const nfcTag = new lib.nfc.NfcTag(await pcsc.connect(NFC_READER), reader.atr);
      assert.equal(nfcTag.identity.kind, 'mifare-ultralight');
      await lib.nfc.writeNdef(nfcTag, [lib.nfc.uriRecord('https://example.com/package')]);
      const [record] = await lib.nfc.readNdef(nfcTag);
      assert.equal(lib.nfc.decodeUri(record), 'https://example.com/package');
      // A TagCommandError from one format is the other format's class too.
      const error = await nfcTag.read(200, 4).catch((e) => e);
      assert.ok(error instanceof lib.nfc.TagCommandError, String(error));
      assert.ok(error instanceof other.nfc.TagCommandError, 'TagCommandError instanceof the other format\'s class');
    } finally {
      await pcsc.close();
    }
    const nfc = new lib.nfcPcsc.NFC();
    try {
      const uid = await new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error('nfc-pcsc facade: no card event')), 10000).unref();
        nfc.on('reader', (reader) => {
          if (reader.name === NFC_READER) reader.on('card', (card) => resolve(card.uid));
        });
      });
      assert.equal(uid, '04112233445566');
    } finally {
      nfc.close();
    }
  } finally {
    await emptySlot(lib.root, slot, NFC_READER);
  }
}

/**
 * Takes a card out and waits until pcscd shows its reader empty: pcscd takes a card put in that
 * slot before then (by the next format's run, or the README example) for this one and never powers it up.
 */
async function emptySlot(root, attachment, readerName) {
  await attachment.remove();
  const pcsc = await root.Pcsc.open({ requireService: true });
  try {
    const deadline = Date.now() + 10000;
    for (;;) {
      const reader = (await pcsc.listReaders()).find((candidate) => candidate.name === readerName);
      if (reader && reader.state === 'empty') return;
      if (Date.now() > deadline) throw new Error(`${readerName} still shows a card 10 s after its removal`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await pcsc.close();
  }
}

async function step(format, name, action) {
  await action();
  console.log(`${format}: ${name}: ok`);
}

/** Runs every check with a seed test card in the first vpcd slot. */
exports.run = async function run(format, lib, other, directory) {
  const card = lib.testing.seedTestApplet();
  const attachment = await card.attachToVpcd();
  try {
    await attachment.whenActivated();
    await step(format, 'exported classes keep their names', () => classNamesAreKept(lib));
    await step(format, 'connect + transmit through each driver', () => transmitThroughEachDriver(lib.root));
    await step(format, 'PySCard facade through each driver', () => transmitThroughPyscard(lib.pyscard));
    await step(format, 'one class per format, instanceof across formats', () => classesAreShared(lib, other));
    await step(format, 'NFC tag through resilient-pcsc/nfc and /nfc-pcsc', () => nfcThroughPackage(lib, other));
    if (format === 'cjs') await step(format, 'CLI through npx', () => cliThroughNpx(directory));
  } finally {
    await emptySlot(lib.root, attachment, READER);
  }
  console.log(`${format}: every check passed`);
};
