/** The seed's exclusive.py + shared.py: one application holds the card exclusively, another connects shared. */
import { PcscError } from '../src';
import { firstReader, settingFromArguments } from './support/applications';

async function main(): Promise<void> {
  const setting = settingFromArguments();
  const holder = await setting.open();
  const reader = await firstReader(holder);
  await holder.connect(reader, { share: 'exclusive' });
  const other = await setting.open();
  try {
    await other.connect(reader, { share: 'shared' });
    console.log('Second connect: connected');
  } catch (error) {
    console.log(`Second connect: ${error instanceof PcscError ? `${error.constructor.name} ${error.codeName}` : String(error)}`);
  }
  await other.close();
  await holder.close();
}

void main();
