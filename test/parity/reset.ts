// Node port of reset.py, line for line.
import { print, readers, SCARD_RESET_CARD } from '../../src/pyscard';
import { describeError } from './script-io';

async function main(): Promise<void> {
  try {
    const reader = (await readers())[0]!;
    print('Using:', reader);

    const connection = reader.createConnection();
    await connection.connect({ disposition: SCARD_RESET_CARD });
    await connection.disconnect();
  } catch (e) {
    print(describeError(e));
  }
}

void main();
