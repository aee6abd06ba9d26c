import { type VirtualCard, type VpcdAttachment, VPCD_DEFAULT_PORT, seedTestApplet } from '../../src/testing';
import { type PcscdOptions, type PcscdSignal, startPcscd, stopPcscd } from './pcscd';

/** pcscd asks vpcd whether a card is present this often; insertions and removals show up within it. */
export const PCSCD_POLL_MS = 400;
const HOOK_TIMEOUT_MS = 30_000;

export interface HarnessOptions {
  /** Makes the card for this test file. Default: the seed's test applet. */
  readonly card?: () => VirtualCard;
  /** vpcd slot: 35963 (`Virtual PCD 00 00`, default) or 35964 (`Virtual PCD 00 01`). */
  readonly port?: number;
  readonly pcscd?: PcscdOptions;
}

export interface Harness {
  readonly card: VirtualCard;
  readonly attachment: VpcdAttachment;
  /** The PC/SC name of the slot the card sits in, e.g. `Virtual PCD 00 00`. */
  readonly readerName: string;
  /** Takes the card out. pcscd notices within PCSCD_POLL_MS; wait for that with your PC/SC client. */
  removeCard(): Promise<void>;
  /** Puts the card back and resolves once pcscd has powered it up (its reader state follows at once). */
  insertCard(): Promise<void>;
  /** Stops pcscd with `signal`, starts a fresh one and (unless told not to) puts the card back in. */
  restartPcscd(signal?: PcscdSignal, options?: { readonly reinsert?: boolean }): Promise<void>;
}

/** The vpcd reader name for a slot port (the driver numbers its slots from port 35963 up). */
export function vpcdReaderName(port: number): string {
  return `Virtual PCD 00 ${String(port - VPCD_DEFAULT_PORT).padStart(2, '0')}`;
}

/**
 * Registers jest hooks for a test file: beforeAll starts pcscd and inserts a fresh card,
 * afterAll removes the card and stops pcscd. Read the fields inside tests or hooks only.
 */
export function withHarness(options: HarnessOptions = {}): Harness {
  const port = options.port ?? VPCD_DEFAULT_PORT;
  let card: VirtualCard | undefined;
  let attachment: VpcdAttachment | undefined;

  const requireAttachment = (): VpcdAttachment => {
    if (!attachment) throw new Error('The harness is not set up: use it inside tests, after beforeAll.');
    return attachment;
  };

  const insertCard = async (): Promise<void> => {
    const link = requireAttachment();
    await link.insert();
    await link.whenActivated();
  };

  beforeAll(async () => {
    await startPcscd(options.pcscd);
    card = (options.card ?? seedTestApplet)();
    attachment = await card.attachToVpcd({ port });
    await attachment.whenActivated();
  }, HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await attachment?.remove();
    await stopPcscd('SIGTERM');
  }, HOOK_TIMEOUT_MS);

  return {
    get card(): VirtualCard {
      if (!card) throw new Error('The harness is not set up: use it inside tests, after beforeAll.');
      return card;
    },
    get attachment(): VpcdAttachment {
      return requireAttachment();
    },
    readerName: vpcdReaderName(port),
    removeCard: () => requireAttachment().remove(),
    insertCard,
    restartPcscd: async (signal = 'SIGTERM', restartOptions = {}) => {
      const link = requireAttachment();
      await stopPcscd(signal);
      // The old vpcd died with pcscd; make sure the link has seen its socket close.
      await link.remove();
      await startPcscd(options.pcscd);
      if (restartOptions.reinsert ?? true) await insertCard();
    },
  };
}
