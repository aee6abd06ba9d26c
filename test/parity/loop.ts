// Node port of loop.py, line for line.
import { print, readers, toBytes } from '../../src/pyscard';
import { describeError, readLine } from './script-io';

const SELECT = toBytes('00 A4 04 00 06 A0 00 00 00 18 FF');
const COMMAND = toBytes('80 34 00 0E 0E');

const count = process.argv[2] !== undefined ? Number(process.argv[2]) : 3;
const pauseAfter = process.argv[3] !== undefined ? Number(process.argv[3]) : -1;

async function main(): Promise<void> {
  try {
    print(await readers());
    const reader = (await readers())[0]!;
    print('Using:', reader);

    const connection = reader.createConnection();
    await connection.connect();

    let [data, sw1, sw2] = await connection.transmit(SELECT);
    print(`Select: ${hex(sw1)} ${hex(sw2)}`);

    for (let i = 0; i < count; i += 1) {
      if (i === pauseAfter) {
        print('Waiting');
        await readLine();
      }
      [data, sw1, sw2] = await connection.transmit(COMMAND);
      print(data);
      print(`Command: ${hex(sw1)} ${hex(sw2)}`);
    }
  } catch (e) {
    print(describeError(e));
  }
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

void main();
