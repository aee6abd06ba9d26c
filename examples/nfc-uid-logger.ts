/**
 * Logs the kind and UID of every tag presented, sending nothing to the tag but the reader's GET DATA.
 * Run: npx tsx examples/nfc-uid-logger.ts --simulate   (or with a real reader, without --simulate)
 */
import { watchTags } from '../src/nfc';
import { virtualMifareClassic, virtualPhone, virtualType2Tag } from '../src/testing';
import { nfcSetting } from './support/nfc-setting';

async function main(): Promise<void> {
  const setting = await nfcSetting();
  const watcher = watchTags(setting.pcsc);
  watcher.on('tag', (tag) => console.log(`${tag.reader}: ${tag.name} (${tag.kind}) UID ${tag.uidHex ?? 'unknown'}`));
  watcher.on('tag-removed', ({ reader }) => console.log(`${reader}: tag removed`));
  if (!setting.simulated) {
    console.log('Present tags to a reader (Ctrl-C to stop)...');
    return;
  }
  const tags = [virtualType2Tag('ntag215'), virtualMifareClassic(), virtualPhone()];
  let seen = 0;
  watcher.on('tag-removed', async () => {
    seen += 1;
    const next = tags[seen];
    if (next) setting.present(next, 200);
    else {
      watcher.stop();
      await setting.pcsc.close();
    }
  });
  setting.present(tags[0]!, 200);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
