/** A reader device the platform sees, whether or not PC/SC managed to start it. */
export interface UsbDevice {
  /** The device's name as the platform reports it. */
  readonly name: string;
  /** USB vendor id; undefined when the platform does not report it. */
  readonly vendorId: number | undefined;
  /** USB product id; undefined when the platform does not report it. */
  readonly productId: number | undefined;
}
