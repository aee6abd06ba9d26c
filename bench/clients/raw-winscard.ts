import { checkSelectResponse, checkTestResponse, SELECT_APPLET, TEST_COMMAND } from '../apdu';
import { driverEntry } from '../built-library';
import type { BenchClient, BenchSession } from './client';
import { timeSequential } from './client';

/** The 'winscard' driver on its own (koffi over libpcsclite), without the library's core above it. */
export function rawWinscardClient(readerName: string): BenchClient {
  return {
    id: 'raw-winscard',
    label: "'winscard' driver alone (koffi over libpcsclite)",
    async open(): Promise<BenchSession> {
      const { WinscardDriver, constants } = driverEntry;
      const { SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } = constants;
      const driver = new WinscardDriver();
      const context = await driver.establishContext();
      if (!context.ok) throw new Error(`winscard: SCardEstablishContext 0x${context.rc.toString(16)}`);
      const card = await driver.connect(context.value, readerName, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
      if (!card.ok) throw new Error(`winscard: SCardConnect 0x${card.rc.toString(16)}`);
      const { handle, protocol } = card.value;
      const transmit = async (command: Uint8Array): Promise<Uint8Array> => {
        const answer = await driver.transmit(handle, protocol, command);
        if (!answer.ok) throw new Error(`winscard: SCardTransmit 0x${answer.rc.toString(16)}`);
        return answer.value;
      };
      checkSelectResponse(await transmit(Uint8Array.from(SELECT_APPLET)), this.id);
      const command = Uint8Array.from(TEST_COMMAND);
      return {
        run: (count) =>
          timeSequential(count, async () => {
            checkTestResponse(await transmit(command), 'raw-winscard');
          }),
        close: async () => {
          await driver.disconnect(handle, SCARD_LEAVE_CARD);
          await driver.dispose();
        },
      };
    },
  };
}
