import { Pcsc } from '../../src/compose/pcsc';
import { CardRemovedError, PcscError } from '../../src/errors/pcsc-error';
import { seedTestApplet } from '../../src/testing/sample-cards';
import { VirtualCard } from '../../src/testing/virtual-card';
import { attachToVpcd, type VpcdAttachment } from '../../src/testing/vpcd-link';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { REAL_DRIVERS } from '../harness/drivers';
import { COMMAND, SELECT, waitForReaderState } from '../fixtures/seed';

const READER = 'Virtual PCD 00 00';
/** The command during which the first card "dies": its socket to vpcd closes before it answers. */
const FATAL = '80 34 00 0E 05';
const ROUNDS = 10;

/** The seed applet, except that FATAL pulls it out of the reader before it answers. */
function dyingCard(kill: () => void): VirtualCard {
  const applet = seedTestApplet();
  return new VirtualCard({
    atr: applet.atr,
    onReset: () => applet.reset(),
    respond: (apdu) => {
      if (apdu[1] === 0x34 && apdu[4] === 0x05) kill();
      return applet.process(apdu);
    },
  });
}

describe.each(REAL_DRIVERS)('a card that vanishes while an APDU is in flight, through %s', (driver) => {
  beforeAll(async () => {
    await startPcscd();
  });

  afterAll(async () => {
    await stopPcscd();
  });

  it(`never answers an empty success, and the next command never reaches a new card unannounced (${ROUNDS} rounds)`, async () => {
    const pcsc = await Pcsc.open({ driver });
    const outcomes: string[] = [];
    try {
      for (let round = 0; round < ROUNDS; round += 1) {
        let first: VpcdAttachment | undefined = undefined;
        let second: VpcdAttachment | undefined;
        const replacement = seedTestApplet();
        const card = dyingCard(() => {
          // The card leaves mid-command and another one takes its place at once.
          void first?.remove();
          void attachToVpcd(replacement).then((attachment) => (second = attachment));
        });
        first = await attachToVpcd(card);
        await first.whenActivated();
        await waitForReaderState(pcsc, READER, (state) => state === 'present' || state === 'in-use');
        const connection = await pcsc.connect(READER);
        expect((await connection.transmit(SELECT)).sw).toBe(0x9000);

        const fatal = await connection.transmit(FATAL).then(
          (response) => response,
          (error: unknown) => error,
        );
        // Never a ResponseApdu: the card died before it could answer.
        expect(fatal).toBeInstanceOf(PcscError);

        const next = await connection.transmit(COMMAND).catch((error: unknown) => error);
        expect(next).toBeInstanceOf(CardRemovedError);
        expect(replacement.commandCount).toBe(0);
        outcomes.push(fatal instanceof Error ? fatal.name : 'response');
        await connection.disconnect().catch(() => undefined);
        await first.remove();
        while (!second) await new Promise((resolve) => setTimeout(resolve, 10));
        await second.remove();
        await waitForReaderState(pcsc, READER, (state) => state === 'empty');
      }
    } finally {
      await pcsc.close();
    }
    expect(outcomes).toHaveLength(ROUNDS);
    // Mostly the typed short-answer error; a round where pcscd saw the removal first gets its own error.
    expect(outcomes.every((name) => name === 'CardCommunicationError' || name === 'CardRemovedError')).toBe(true);
  }, 120_000);

  it(`a card taken out between two commands: the next command fails with CardRemovedError, not the reader's SCARD_E_NOT_TRANSACTED (${ROUNDS} rounds)`, async () => {
    const pcsc = await Pcsc.open({ driver });
    const outcomes: string[] = [];
    try {
      for (let round = 0; round < ROUNDS; round += 1) {
        const card = await attachToVpcd(seedTestApplet());
        await card.whenActivated();
        await waitForReaderState(pcsc, READER, (state) => state === 'present' || state === 'in-use');
        const connection = await pcsc.connect(READER);
        expect((await connection.transmit(SELECT)).sw).toBe(0x9000);
        // pcscd sees the removal only at its next poll of vpcd (within 400 ms): a command sent at
        // once reaches a reader without a card, which answers SCARD_E_NOT_TRANSACTED.
        await card.remove();
        const first = await connection.transmit(COMMAND).catch((error: unknown) => error);
        const second = await connection.transmit(COMMAND).catch((error: unknown) => error);
        outcomes.push(`${errorName(first)} then ${errorName(second)}`);
        await connection.disconnect().catch(() => undefined);
        await waitForReaderState(pcsc, READER, (state) => state === 'empty');
      }
    } finally {
      await pcsc.close();
    }
    expect(outcomes).toEqual(Array.from({ length: ROUNDS }, () => 'CardRemovedError then CardRemovedError'));
  }, 120_000);
});

function errorName(outcome: unknown): string {
  if (!(outcome instanceof PcscError)) return `not a PcscError: ${String(outcome)}`;
  return outcome.constructor === PcscError ? `PcscError(${outcome.message})` : outcome.name;
}
