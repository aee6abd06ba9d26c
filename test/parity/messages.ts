// Node port of messages.py, line for line.
import { ATRCardType, CardConnection, CardRequest, ConsoleCardConnectionObserver, print, readergroups, readers, toBytes, toHexString } from '../../src/pyscard';
import { describeError } from './script-io';

async function attempt(call: () => Promise<unknown>): Promise<void> {
  try {
    print(await call());
  } catch (e) {
    print(describeError(e));
  }
}

const SELECT = toBytes('00 A4 04 00 06 A0 00 00 00 18 FF');
const COMMAND = toBytes('80 34 00 0E 0E');

async function main(): Promise<void> {
  print(await readergroups());
  const [cardReader, emptyReader] = await readers();

  const connection = cardReader!.createConnection();
  await attempt(() => connection.transmit(COMMAND));
  await attempt(() => connection.transmit(COMMAND, CardConnection.T0_protocol));
  await attempt(() => connection.getATR());
  print(connection.getProtocol());

  const observer = new ConsoleCardConnectionObserver();
  connection.addObserver(observer);
  await connection.connect();
  print(connection.getProtocol(), connection.getReader());
  print(toHexString(await connection.getATR()));
  print(await connection.transmit(SELECT));
  print(await connection.transmit(COMMAND));
  await connection.reconnect();
  print(await connection.transmit(COMMAND));
  await connection.disconnect();
  connection.deleteObserver(observer);

  await attempt(() => emptyReader!.createConnection().connect());

  await attempt(() => new CardRequest({ timeout: 0.3, cardType: new ATRCardType(toBytes('3B 00')) }).waitforcard());
  const service = await new CardRequest({ timeout: 1 }).waitforcard();
  print(service.connection.getReader());
  print(await new CardRequest({ timeout: 1 }).waitforcardevent());
}

void main();
