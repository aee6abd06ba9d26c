/** The seed's loop + reset scripts: SELECT, loop on 80 34 00 0E 0E, another application resets the card. */
import { PcscError } from '../src';
import { firstReader, settingFromArguments } from './support/applications';

async function main(): Promise<void> {
  const setting = settingFromArguments();
  const looper = await setting.open();
  const reader = await firstReader(looper);
  const card = await looper.connect(reader);
  await card.transmit('00 A4 04 00 06 A0 00 00 00 18 FF');
  const resetter = await setting.open();
  try {
    for (let i = 0; ; i += 1) {
      if (i === 3) await (await resetter.connect(reader)).disconnect('reset');
      const answer = await card.transmit('80 34 00 0E 0E');
      if (answer.data.length > 0) console.log(`[${[...answer.data].join(', ')}]`);
      console.log(`Command: ${answer.sw.toString(16).toUpperCase().replace(/^(..)/, '$1 ')}`);
    }
  } catch (error) {
    console.log(`Failed: ${error instanceof PcscError ? `${error.constructor.name} ${error.codeName}` : String(error)}`);
  }
  await resetter.close();
  await looper.close();
}

void main();
