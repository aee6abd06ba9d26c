import { VirtualCard } from './virtual-card';

/** AID of the seed's JavaCard test applet. */
export const SEED_TEST_APPLET_AID = 'A0 00 00 00 18 FF';

const AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x00, 0x18, 0xff);
const INS_SELECT = 0xa4;
const INS_TEST = 0x34;
const SW_OK = [0x90, 0x00] as const;
const SW_CONDITIONS_NOT_SATISFIED = [0x69, 0x85] as const;
const SW_FILE_NOT_FOUND = [0x6a, 0x82] as const;
const SW_INS_NOT_SUPPORTED = [0x6d, 0x00] as const;
const SW_WRONG_LENGTH = [0x67, 0x00] as const;

/**
 * The JavaCard test applet from the seed's bug reports:
 * `00 A4 04 00 06 A0 00 00 00 18 FF` selects it (90 00); then `80 34 00 0E 0E` answers the
 * bytes 00..0D + 90 00, but 69 85 when the applet is not selected (e.g. after a reset).
 * The ATR offers T=0 (the default) and T=1.
 */
export function seedTestApplet(): VirtualCard {
  let selected = false;
  return new VirtualCard({
    atr: '3B 80 80 01 01 01',
    onReset: () => {
      selected = false;
    },
    respond: (apdu) => {
      if (apdu.length < 4) return SW_WRONG_LENGTH;
      switch (apdu[1]) {
        case INS_SELECT:
          selected = isSelectOfApplet(apdu);
          return selected ? SW_OK : SW_FILE_NOT_FOUND;
        case INS_TEST:
          return selected ? [...countingBytes(expectedLength(apdu)), ...SW_OK] : SW_CONDITIONS_NOT_SATISFIED;
        default:
          return SW_INS_NOT_SUPPORTED;
      }
    },
  });
}

function isSelectOfApplet(apdu: Uint8Array): boolean {
  if (apdu[2] !== 0x04 || apdu[4] !== AID.length || apdu.length < 5 + AID.length) return false;
  return AID.every((byte, i) => apdu[5 + i] === byte);
}

/** Le of a case 2 command (`CLA INS P1 P2 Le`); 0 means 256 as in ISO 7816-4. */
function expectedLength(apdu: Uint8Array): number {
  if (apdu.length !== 5) return 0;
  const le = apdu[4] ?? 0;
  return le === 0 ? 256 : le;
}

function countingBytes(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i & 0xff);
}
