import { Reader } from './reader';

/**
 * nfc-pcsc's ACR122Reader (chosen for readers named ACR122… or ACR125…): LED/buzzer, buzzer on
 * detection, PICC operating parameter, through the escape control code. Needs a connection
 * (a card, or `connect(CONNECT_MODE_DIRECT)`).
 */
export class ACR122Reader extends Reader {
  /** Starts the PN532's automatic polling (InAutoPoll, endless, 150 ms period). */
  async inAutoPoll(): Promise<void> {
    const payload = [0xd4, 0x60, 0xff, 0x01, 0x00];
    await this.control(Buffer.from([0xff, 0x00, 0x00, 0x00, payload.length, ...payload]), 2);
  }

  /**
   * LED and buzzer: `led` is P2 (final states, masks, blinking), `blinking` the 4 bytes T1, T2,
   * repetitions, buzzer link (ACR122U API, LED and buzzer control).
   */
  async led(led: number, blinking: readonly number[] | Buffer): Promise<void> {
    await this.control(Buffer.from([0xff, 0x00, 0x40, led, 0x04, ...blinking]), 2);
  }

  /** Turns the beep on card detection on or off. */
  async setBuzzerOutput(enabled = true): Promise<void> {
    await this.control(Buffer.from([0xff, 0x00, 0x52, enabled ? 0xff : 0x00, 0x00]), 2);
  }

  /** Sets the PICC operating parameter (which card types the reader polls for). */
  async setPICC(picc: number): Promise<void> {
    await this.control(Buffer.from([0xff, 0x00, 0x51, picc, 0x00]), 1);
  }
}
