/**
 * Writes an NDEF message (a URI and a text) to an NTAG215 and reads it back.
 * Run: npx tsx examples/nfc-ntag-ndef.ts --simulate
 */
import { NfcTag, decodeText, decodeUri, readNdef, recordTypeText, textRecord, uriRecord, writeNdef } from '../src/nfc';
import { virtualType2Tag } from '../src/testing';
import { nfcSetting } from './support/nfc-setting';

async function main(): Promise<void> {
  const { pcsc, present } = await nfcSetting();
  present(virtualType2Tag('ntag215'));
  const reader = await pcsc.waitForCard({ timeout: 30_000 });
  const tag = new NfcTag(await pcsc.connect(reader.name), reader.atr ?? new Uint8Array(0));
  console.log(
    `${tag.identity.name}, UID ${Buffer.from(await tag.uid())
      .toString('hex')
      .toUpperCase()}`,
  );
  await writeNdef(tag, [uriRecord('https://github.com/resilient-pcsc/resilient-pcsc'), textRecord('Hello from resilient-pcsc')]);
  console.log('NDEF written');
  for (const record of await readNdef(tag)) {
    const type = recordTypeText(record);
    if (type === 'U') console.log(`URI: ${decodeUri(record)}`);
    else if (type === 'T') console.log(`Text: ${decodeText(record).text}`);
    else console.log(`${record.tnf} record ${type}`);
  }
  await pcsc.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
