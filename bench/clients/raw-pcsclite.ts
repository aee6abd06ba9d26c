import { createRequire } from 'node:module';
import { checkSelectResponse, checkTestResponse, SELECT_APPLET, TEST_COMMAND } from '../apdu';
import type { BenchClient, BenchSession } from './client';
import { timeSequential } from './client';

const SCARD_SHARE_SHARED = 2;
const SCARD_LEAVE_CARD = 0;
const MAX_RESPONSE = 258;
const READER_WAIT_MS = 10_000;

type Callback<T> = (error: Error | null | undefined, value?: T) => void;

/** The public JavaScript API of `pcsclite` 1.0.x, as an application uses it. */
interface CardReader {
  readonly name: string;
  connect(options: { share_mode: number }, callback: Callback<number>): void;
  transmit(data: Buffer, maxLength: number, protocol: number, callback: Callback<Buffer>): void;
  disconnect(disposition: number, callback: Callback<void>): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): void;
}

interface PcscLite {
  on(event: 'reader', listener: (reader: CardReader) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): void;
}

function waitForReader(pcsc: PcscLite, name: string): Promise<CardReader> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pcsclite never reported reader "${name}"`)), READER_WAIT_MS);
    pcsc.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    pcsc.on('reader', (reader) => {
      // Every reader's status thread fails when pcscd stops at the end of the run.
      reader.on('error', () => undefined);
      if (reader.name !== name) return;
      clearTimeout(timer);
      resolve(reader);
    });
  });
}

function call<T>(start: (callback: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value as T))));
}

/** `pcsclite`'s own API: require('pcsclite')(), its 'reader' event, connect and transmit. */
export function rawPcscliteClient(readerName: string): BenchClient {
  return {
    id: 'raw-pcsclite',
    label: 'raw `pcsclite` (CardReader API)',
    async open(): Promise<BenchSession> {
      const pcsc = (createRequire(__filename)('pcsclite') as () => PcscLite)();
      const reader = await waitForReader(pcsc, readerName);
      let statusError: Error | undefined;
      reader.on('error', (error) => (statusError ??= error));
      const protocol = await call<number>((done) => reader.connect({ share_mode: SCARD_SHARE_SHARED }, done));
      const send = (command: Uint8Array): Promise<Buffer> => call<Buffer>((done) => reader.transmit(Buffer.from(command), MAX_RESPONSE, protocol, done));
      checkSelectResponse(await send(SELECT_APPLET), this.id);
      const command = Buffer.from(TEST_COMMAND);
      return {
        run: (count) => {
          if (statusError) throw statusError;
          return timeSequential(count, async () => {
            const response = await call<Buffer>((done) => reader.transmit(command, MAX_RESPONSE, protocol, done));
            checkTestResponse(response, 'raw-pcsclite');
          });
        },
        close: async () => {
          await call<void>((done) => reader.disconnect(SCARD_LEAVE_CARD, done));
          reader.close();
          pcsc.close();
        },
      };
    },
  };
}
