// Node port of exclusive.py, line for line.
import { print, readers, SCARD_SHARE_EXCLUSIVE, shutdown } from '../../src/pyscard';
import { describeError, readLine } from './script-io';

async function main(): Promise<void> {
  try {
    const reader = (await readers())[0]!;
    print('Using:', reader);

    const connection = reader.createConnection();
    await connection.connect({ mode: SCARD_SHARE_EXCLUSIVE });

    print('Holding');
    await readLine();
  } catch (e) {
    print(describeError(e));
  }
  await shutdown();
}

void main();
