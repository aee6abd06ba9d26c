import { Pcsc } from '../../../src/compose/pcsc';
import type { DriverChoice } from '../../../src/compose/open-driver';
import type { QuirksOption } from '../../../src/quirks/quirk-profile';
import type { VirtualCard } from '../../../src/testing/virtual-card';
import { attachToVpcd, type VpcdAttachment } from '../../../src/testing/vpcd-link';
import { startPcscd, stopPcscd } from '../../harness/pcscd';
import { vpcdReaderName } from '../../harness/with-harness';
import { VPCD_DEFAULT_PORT } from '../../../src/testing';
import type { AppOptions, Bench, ConformanceTarget } from './target';
import { waitForReaderState } from '../../fixtures/seed';

export const REAL_READER = vpcdReaderName(VPCD_DEFAULT_PORT);

/** pcscd 1.9 with the vpcd driver, a VirtualCard in its first slot, reached through a real binding. */
export class RealTarget implements ConformanceTarget {
  readonly id: string;
  readonly expectation = 'pcsc-lite';
  private apps: Pcsc[] = [];
  private slot: VpcdAttachment | undefined;

  constructor(
    private readonly driver: Extract<DriverChoice, string>,
    readonly quirks: QuirksOption = 'auto',
  ) {
    this.id = `pcscd+${driver}`;
  }

  async start(): Promise<void> {
    await startPcscd();
  }

  async stop(): Promise<void> {
    await stopPcscd();
  }

  async setUp(card: VirtualCard): Promise<Bench> {
    this.slot = await attachToVpcd(card);
    const app = async (options: AppOptions = {}): Promise<Pcsc> => {
      if (options.forkedChild) throw new Error('Node cannot fork(); the fork scenario runs on the simulator only');
      const pcsc = await Pcsc.open({ driver: this.driver, quirks: this.quirks });
      this.apps.push(pcsc);
      return pcsc;
    };
    const watcher = await app();
    await waitForReaderState(watcher, REAL_READER, (state) => state !== 'empty' && state !== 'unknown');
    const slot = this.slot;
    return {
      reader: REAL_READER,
      card,
      canFork: false,
      app,
      removeCard: async () => {
        await slot.remove();
        await waitForReaderState(watcher, REAL_READER, (state) => state === 'empty');
      },
    };
  }

  async tearDown(): Promise<void> {
    // Handles left open keep the reader 'exclusive' or 'in-use' after the card is gone.
    for (const pcsc of this.apps.splice(0)) await pcsc.close();
    if (this.slot?.connected) {
      await this.slot.remove();
      // pcscd must see this card leave before the next scenario inserts another one.
      const watcher = await Pcsc.open({ driver: this.driver, quirks: this.quirks });
      try {
        await waitForReaderState(watcher, REAL_READER, (state) => state === 'empty');
      } finally {
        await watcher.close();
      }
    }
    this.slot = undefined;
  }
}
