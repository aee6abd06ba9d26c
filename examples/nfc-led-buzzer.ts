/**
 * ACR122U / ACR1252U extras without a card: firmware version, LED and buzzer, beep on detection,
 * through SCardControl on a direct connection. Run: npx tsx examples/nfc-led-buzzer.ts --simulate
 */
import { EscapeDisabledError, ReaderEscape } from '../src/nfc';
import { nfcSetting } from './support/nfc-setting';

async function main(): Promise<void> {
  const { pcsc, acr } = await nfcSetting();
  const reader = (await pcsc.listReaders()).find((r) => r.name.includes('ACR12'));
  if (!reader) throw new Error('No ACR122U/ACR1252U reader found');
  const direct = await pcsc.connect(reader.name, { share: 'direct', protocols: [] });
  const escape = new ReaderEscape(direct);
  try {
    console.log(`Firmware: ${await escape.firmwareVersion()}`);
    await escape.setBuzzerOnDetection(false);
    const led = await escape.ledBuzzer({ green: true, blinkRed: true, onMs: 200, offMs: 200, repeat: 3, buzzer: 't1' });
    console.log(`LED state after the sequence: ${led & 0x02 ? 'green on' : 'green off'}, ${led & 0x01 ? 'red on' : 'red off'}`);
    if (acr) console.log(`Simulated reader: ${acr.extras.ledCommands} LED command(s), beep on detection ${acr.extras.buzzerOnDetection ? 'on' : 'off'}`);
  } catch (error) {
    if (error instanceof EscapeDisabledError) console.log(error.message);
    else throw error;
  } finally {
    await pcsc.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
