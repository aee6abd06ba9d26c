import { createRequire } from 'node:module';
import { checkSelectResponse, checkTestResponse, SELECT_APPLET, TEST_COMMAND } from '../apdu';
import type { BenchClient, BenchSession } from './client';
import { timeSequential } from './client';

const SCARD_SHARE_SHARED = 2;
const SCARD_PROTOCOL_T0_T1 = 3;
const SCARD_LEAVE_CARD = 0;

/** The parts of `smartcard` 3.x's public API used here. */
interface SmartcardModule {
  Context: new () => {
    listReaders(): Array<{ name: string; connect(share: number, protocols: number): Promise<SmartcardCard> }>;
    close(): void;
  };
}

interface SmartcardCard {
  transmit(command: Buffer): Promise<Buffer>;
  disconnect(disposition: number): void;
}

/** `smartcard`'s own API: Context, listReaders, reader.connect, card.transmit. */
export function rawSmartcardClient(readerName: string): BenchClient {
  return {
    id: 'raw-smartcard',
    label: 'raw `smartcard` (Context API)',
    async open(): Promise<BenchSession> {
      const { Context } = createRequire(__filename)('smartcard') as SmartcardModule;
      const context = new Context();
      const reader = context.listReaders().find((candidate) => candidate.name === readerName);
      if (!reader) throw new Error(`smartcard does not list reader "${readerName}"`);
      const card = await reader.connect(SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0_T1);
      checkSelectResponse(await card.transmit(Buffer.from(SELECT_APPLET)), this.id);
      const command = Buffer.from(TEST_COMMAND);
      return {
        run: (count) =>
          timeSequential(count, async () => {
            checkTestResponse(await card.transmit(command), 'raw-smartcard');
          }),
        close: async () => {
          card.disconnect(SCARD_LEAVE_CARD);
          context.close();
        },
      };
    },
  };
}
