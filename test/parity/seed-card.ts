import { VirtualCard, seedTestApplet } from '../../src/testing';

/** A T=0-only ATR (no TD1): the reports' Gemalto card spoke T=0. */
export const T0_ATR = '3B 65 00 00 9C 11 01 01 03';

/**
 * The seed's test applet behind a T=0-only ATR, so PySCard's messages name "protocol T0" as in the
 * reports (with the applet's own T=0/T=1 ATR, pcscd negotiates T=1).
 */
export function seedCardT0(): VirtualCard {
  const applet = seedTestApplet();
  return new VirtualCard({
    atr: T0_ATR,
    respond: (apdu) => applet.process(apdu),
    onReset: () => applet.reset(),
  });
}
