// Node port of sample_ExclusiveCardConnection.py, line for line. Harness additions: the driver the
// test names (configure) and shutdown() at the end, so Node exits once the script is done.
import {
  AnyCardType,
  CardRequest,
  ConsoleCardConnectionObserver,
  configure,
  ExclusiveConnectCardConnection,
  ExclusiveTransmitCardConnection,
  print,
  shutdown,
  toHexString,
} from '../../src/pyscard';
import { parityDriver, readLine } from './script-io';

const GET_RESPONSE = [0xa0, 0xc0, 0o0, 0o0];
const SELECT = [0xa0, 0xa4, 0x00, 0x00, 0x02];
const DF_TELECOM = [0x7f, 0x10];

async function main(): Promise<void> {
  await configure({ driver: parityDriver() });
  const cardtype = new AnyCardType();
  const cardrequest = new CardRequest({ timeout: 5, cardType: cardtype });
  const cardservice = await cardrequest.waitforcard();

  const observer = new ConsoleCardConnectionObserver();
  cardservice.connection.addObserver(observer);

  // Typed, so that lock() and unlock() (which a CardConnection lacks) can be called on it.
  const connection = new ExclusiveTransmitCardConnection(new ExclusiveConnectCardConnection(cardservice.connection));
  cardservice.connection = connection;

  await cardservice.connection.connect();

  print('ATR', toHexString(await cardservice.connection.getATR()));

  try {
    await connection.lock();

    let apdu = [...SELECT, ...DF_TELECOM];
    let [response, sw1, sw2] = await cardservice.connection.transmit(apdu);

    if (sw1 === 0x9f) {
      apdu = [...GET_RESPONSE, sw2];
      [response, sw1, sw2] = await cardservice.connection.transmit(apdu);
    }
  } finally {
    await connection.unlock();
  }

  if ('win32' === process.platform) {
    print('press Enter to continue');
    await readLine();
  }
  await shutdown();
}

void main();
