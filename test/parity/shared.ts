// Node port of shared.py, line for line.
import { print, readers } from '../../src/pyscard';
import { describeError } from './script-io';

async function main(): Promise<void> {
  try {
    const reader = (await readers())[0]!;
    print('Using:', reader);

    const connection = reader.createConnection();
    await connection.connect();
    print('Connected');
  } catch (e) {
    print(describeError(e));
  }
}

void main();
