import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

async function runExample(script: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(TSX, [join(ROOT, 'examples', script), '--simulate'], { cwd: ROOT, timeout: 60_000 });
  return stdout.trim().split('\n');
}

describe('NFC examples on the simulator', () => {
  it('nfc-uid-logger.ts logs kind and UID of each tag', async () => {
    expect(await runExample('nfc-uid-logger.ts')).toEqual([
      'ACS ACR122U PICC Interface 00 00: MIFARE Ultralight / NTAG (mifare-ultralight) UID 04112233445566',
      'ACS ACR122U PICC Interface 00 00: tag removed',
      'ACS ACR122U PICC Interface 00 00: MIFARE Classic 1K (mifare-classic-1k) UID 04A23B51',
      'ACS ACR122U PICC Interface 00 00: tag removed',
      'ACS ACR122U PICC Interface 00 00: ISO 14443-4 card (iso14443-4) UID 085A1C7E',
      'ACS ACR122U PICC Interface 00 00: tag removed',
    ]);
  }, 60_000);

  it('nfc-ntag-ndef.ts writes and reads back a URI and a text', async () => {
    expect(await runExample('nfc-ntag-ndef.ts')).toEqual([
      'MIFARE Ultralight / NTAG, UID 04112233445566',
      'NDEF written',
      'URI: https://github.com/resilient-pcsc/resilient-pcsc',
      'Text: Hello from resilient-pcsc',
    ]);
  }, 60_000);

  it('nfc-mifare-classic.ts reads with keys and refuses a wrong key and a locking trailer', async () => {
    const lines = await runExample('nfc-mifare-classic.ts');
    expect(lines.slice(0, 3)).toEqual(['MIFARE Classic 1K, UID 04A23B51, reader profile acs', 'Block 5 value: 100', 'Block 4: resilient-pcsc']);
    expect(lines[3]).toMatch(/^Wrong key: GENERAL AUTHENTICATE block 8 key A .* SW 63 00/);
    expect(lines[4]).toMatch(/^Refused: /);
  }, 60_000);

  it('nfc-led-buzzer.ts drives the simulated ACR122U without a card', async () => {
    expect(await runExample('nfc-led-buzzer.ts')).toEqual([
      'Firmware: ACR122U215',
      'LED state after the sequence: green on, red off',
      'Simulated reader: 1 LED command(s), beep on detection off',
    ]);
  }, 60_000);
});
