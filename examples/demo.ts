/**
 * A tour of resilient-pcsc on the embedded simulator: no reader, no pcscd needed.
 * Run: npm run demo            (Linux behaviour)
 *      npm run demo -- --personality darwin-15   (OS X El Capitan, its bugs hidden by the quirk layer)
 */
import { Pcsc, SharingViolationError, CardResetError } from '../src';
import { SimulatedPcsc, seedTestApplet } from '../src/testing';

type Personality = 'linux' | 'darwin-15' | 'darwin-16' | 'darwin-17';

function personalityFromArguments(): Personality {
  const index = process.argv.indexOf('--personality');
  const value = index >= 0 ? process.argv[index + 1] : 'linux';
  if (value === 'linux' || value === 'darwin-15' || value === 'darwin-16' || value === 'darwin-17') return value;
  throw new Error(`Unknown personality ${value}; use linux, darwin-15, darwin-16 or darwin-17.`);
}

async function main(): Promise<void> {
  const personality = personalityFromArguments();
  const sim = new SimulatedPcsc({ personality });
  const card = seedTestApplet();
  sim.addReader('Gemalto PC Twin Reader').insert(card);

  const app = await Pcsc.open({ driver: sim.driver() });
  app.on('quirk', (notice) => console.log(`quirk: ${notice.message}`));
  const on = Object.entries(app.quirkProfile.enabled)
    .filter(([, enabled]) => enabled)
    .map(([id]) => id);
  console.log(`Simulated platform: ${personality}; workarounds on: ${on.length ? on.join(', ') : 'none'}`);

  const readers = await app.listReaders();
  for (const reader of readers) console.log(`Reader: ${reader.name} (${reader.state})`);
  const reader = readers[0];
  if (!reader) throw new Error('the simulator has no reader');

  const connection = await app.connect(reader.name, {
    onReset: 'reconnect',
    restore: async (c) => void (await c.transmit('00 A4 04 00 06 A0 00 00 00 18 FF')),
  });
  console.log(`Connected with protocol ${connection.protocol}`);
  await connection.transmit('00 A4 04 00 06 A0 00 00 00 18 FF');
  const answer = await connection.transmit('80 34 00 0E 0E');
  console.log(`80 34 00 0E 0E -> [${[...answer.data].join(', ')}] SW ${answer.sw.toString(16).toUpperCase()}`);

  // Another application asks for the card exclusively while we use it: the same typed error on every platform.
  const other = await Pcsc.open({ driver: sim.driver() });
  const third = await Pcsc.open({ driver: sim.driver() });
  const refused = await other.connect(reader.name, { share: 'exclusive' }).catch((e: unknown) => e);
  console.log(`Exclusive connect while in use: ${refused instanceof SharingViolationError ? refused.codeName : String(refused)}`);

  // Another application resets the card: the command is not answered by the reset card;
  // with onReset 'reconnect' the library reconnects, re-selects the applet and retries.
  const resetter = await other.connect(reader.name);
  await resetter.disconnect('reset');
  const afterReset = await connection.transmit('80 34 00 0E 0E');
  console.log(`After another application reset the card: SW ${afterReset.sw.toString(16).toUpperCase()} (recovered)`);

  const plain = await third.connect(reader.name);
  await (await other.connect(reader.name)).disconnect('reset');
  const error = await plain.transmit('80 34 00 0E 0E').catch((e: unknown) => e);
  console.log(`Without recovery the next transmit fails with: ${error instanceof CardResetError ? error.codeName : String(error)}`);
  console.log(`The card received ${card.log.length} commands; none reached it unexpectedly after a reset.`);

  await Promise.all([app.close(), other.close(), third.close()]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
