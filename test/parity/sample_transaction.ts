// Node port of sample_transaction.py, line for line. Harness additions: the driver the test names
// (configure) and shutdown() at the end, so Node exits once the script is done.
import {
  configure,
  error,
  print,
  shutdown,
  SCardBeginTransaction,
  SCardConnect,
  SCardDisconnect,
  SCardEndTransaction,
  SCardEstablishContext,
  SCardGetErrorMessage,
  SCardListReaders,
  SCardReleaseContext,
  SCardStatus,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_S_SUCCESS,
  SCARD_SCOPE_USER,
  SCARD_SHARE_SHARED,
  SCARD_UNPOWER_CARD,
} from '../../src/pyscard';
import { parityDriver, readLine } from './script-io';

async function main(): Promise<void> {
  await configure({ driver: parityDriver() });
  try {
    const [established, hcontext] = await SCardEstablishContext(SCARD_SCOPE_USER);
    let hresult = established;
    if (hresult !== SCARD_S_SUCCESS) {
      throw new error('Failed to establish context: ' + SCardGetErrorMessage(hresult));
    }
    print('Context established!');

    try {
      const [listed, readers] = await SCardListReaders(hcontext, []);
      hresult = listed;
      if (hresult !== SCARD_S_SUCCESS) {
        throw new error('Failed to list readers: ' + SCardGetErrorMessage(hresult));
      }
      print('PCSC Readers:', readers);

      if (readers.length < 1) {
        throw new error('No smart card readers');
      }

      for (const zreader of readers) {
        print('Trying to perform transaction on card in', zreader);

        try {
          const [connected, hcard, dwActiveProtocol] = await SCardConnect(hcontext, zreader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
          hresult = connected;
          if (hresult !== SCARD_S_SUCCESS) {
            throw new error('unable to connect: ' + SCardGetErrorMessage(hresult));
          }
          print('Connected with active protocol', dwActiveProtocol);

          try {
            hresult = await SCardBeginTransaction(hcard);
            if (hresult !== SCARD_S_SUCCESS) {
              throw new error('failed to begin transaction: ' + SCardGetErrorMessage(hresult));
            }
            print('Beginning transaction');

            const [status, , , , atr] = await SCardStatus(hcard);
            hresult = status;
            if (hresult !== SCARD_S_SUCCESS) {
              throw new error('failed to get status: ' + SCardGetErrorMessage(hresult));
            }
            process.stdout.write('ATR:' + ' ');
            for (let i = 0; i < atr.length; i++) {
              process.stdout.write('0x' + atr[i]!.toString(16).toUpperCase().padStart(2, '0') + ' ');
            }
            print('');
          } finally {
            hresult = await SCardEndTransaction(hcard, SCARD_LEAVE_CARD);
            if (hresult !== SCARD_S_SUCCESS) {
              throw new error('failed to end transaction: ' + SCardGetErrorMessage(hresult));
            }
            print('Transaction ended');

            hresult = await SCardDisconnect(hcard, SCARD_UNPOWER_CARD);
            if (hresult !== SCARD_S_SUCCESS) {
              throw new error('failed to disconnect: ' + SCardGetErrorMessage(hresult));
            }
            print('Disconnected');
          }
        } catch (message) {
          if (!(message instanceof error)) throw message;
          print(error, message);
        }
      }
    } finally {
      hresult = await SCardReleaseContext(hcontext);
      if (hresult !== SCARD_S_SUCCESS) {
        throw new error('failed to release context: ' + SCardGetErrorMessage(hresult));
      }
      print('Released context.');
    }
  } catch (e) {
    if (!(e instanceof error)) throw e;
    print(e);
  }

  if ('win32' === process.platform) {
    print('press Enter to continue');
    await readLine();
  }
  await shutdown();
}

void main();
