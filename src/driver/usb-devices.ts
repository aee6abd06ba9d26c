/** A reader device the platform sees, whether or not PC/SC managed to start it. */
export interface UsbDevice {
  readonly name: string;
  readonly vendorId: number | undefined;
  readonly productId: number | undefined;
}
