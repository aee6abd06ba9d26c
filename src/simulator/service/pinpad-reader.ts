/** USB identity of a simulated reader, for driver behaviour that depends on the device model. */
export interface UsbIdentity {
  /** USB vendor id, e.g. 0x08E6 (Gemalto). */
  readonly vendorId: number;
  /** USB product id, e.g. 0x3478 (GemPC Pinpad). */
  readonly productId: number;
}

const GEMALTO_VENDOR_ID = 0x08e6;
const GEMPC_PINPAD_PRODUCT_ID = 0x3478;
const PINPAD_NAME = /CT\s?700|GemPC\s?Pin\s?Pad/i;

/** The Gemalto CT700, formerly sold as GemPC Pinpad (USB 08E6:3478). */
export function isGemaltoPinpad(name: string, usb: UsbIdentity | undefined): boolean {
  if (usb !== undefined) return usb.vendorId === GEMALTO_VENDOR_ID && usb.productId === GEMPC_PINPAD_PRODUCT_ID;
  return PINPAD_NAME.test(name);
}
