/**
 * Reads and writes MIFARE Classic blocks with sector keys; a wrong key and a locking trailer are
 * typed errors. Run: npx tsx examples/nfc-mifare-classic.ts --simulate
 */
import { DEFAULT_CLASSIC_KEY, LockingTrailerError, MifareClassic, NfcTag, TagAuthenticationError, encodeAccessBits } from '../src/nfc';
import { virtualMifareClassic } from '../src/testing';
import { nfcSetting } from './support/nfc-setting';

async function main(): Promise<void> {
  const { pcsc, present } = await nfcSetting();
  present(virtualMifareClassic());
  const reader = await pcsc.waitForCard({ timeout: 30_000 });
  const tag = new NfcTag(await pcsc.connect(reader.name), reader.atr ?? new Uint8Array(0));
  console.log(
    `${tag.identity.name}, UID ${Buffer.from(await tag.uid())
      .toString('hex')
      .toUpperCase()}, reader profile ${tag.profile.name}`,
  );
  const classic = new MifareClassic(tag);
  const keyA = { type: 'A' as const, key: DEFAULT_CLASSIC_KEY };
  await classic.writeValue(5, 100, keyA);
  console.log(`Block 5 value: ${await classic.readValue(5, keyA)}`);
  const block4 = new Uint8Array(16);
  block4.set(new TextEncoder().encode('resilient-pcsc'));
  await classic.writeBlock(4, block4, keyA);
  console.log(`Block 4: ${new TextDecoder().decode((await classic.readBlock(4, keyA)).subarray(0, 14))}`);
  try {
    await classic.readBlock(8, { type: 'A', key: Uint8Array.of(1, 2, 3, 4, 5, 6) });
  } catch (error) {
    if (error instanceof TagAuthenticationError) console.log(`Wrong key: ${error.message}`);
    else throw error;
  }
  const frozen = Uint8Array.from([...DEFAULT_CLASSIC_KEY, ...encodeAccessBits([0, 0, 0, 6]), 0x69, ...DEFAULT_CLASSIC_KEY]);
  try {
    await classic.writeBlock(7, frozen, keyA);
  } catch (error) {
    if (error instanceof LockingTrailerError) console.log(`Refused: ${error.message}`);
    else throw error;
  }
  await pcsc.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
