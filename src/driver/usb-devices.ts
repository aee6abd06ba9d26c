import type { PcscDriver } from './pcsc-driver';

/** A reader device the platform sees, whether or not PC/SC managed to start it. */
export interface UsbDevice {
  readonly name: string;
  readonly vendorId: number | undefined;
  readonly productId: number | undefined;
}

/** A driver that can also see the USB bus, and so readers PC/SC failed to start and never lists. */
export interface UsbDeviceSource {
  usbDevices(): Promise<readonly UsbDevice[]>;
}

export function hasUsbDevices(driver: PcscDriver): driver is PcscDriver & UsbDeviceSource {
  return typeof (driver as Partial<UsbDeviceSource>).usbDevices === 'function';
}
