import { ForwardingDriver } from '../../driver/forwarding-driver';
import type { ContextId, Outcome, PcscDriver } from '../../driver/pcsc-driver';
import type { UsbDevice } from '../../driver/usb-devices';
import type { QuirkNoticeSink } from '../quirk-notice';

/** Gemalto CT700, formerly GemPC Pinpad (USB 08E6:3478). */
const CT700_NAME = /CT ?700|GemPC ?Pin ?pad/i;

const CT700_USB = { vendorId: 0x08e6, productId: 0x3478 };

/** Whether a reader name is a Gemalto CT700 / GemPC Pinpad, the reader that breaks PC/SC on El Capitan. */
export function isCt700(readerName: string): boolean {
  return CT700_NAME.test(readerName);
}

function isCt700Device(device: UsbDevice): boolean {
  if (device.vendorId !== undefined && device.productId !== undefined) {
    return device.vendorId === CT700_USB.vendorId && device.productId === CT700_USB.productId;
  }
  return isCt700(device.name);
}

/**
 * On El Capitan a CT700 fails to initialise and leaves every reader attached after it unusable.
 * Nothing can repair that from an application, so this names the reader and the fix, once per reader.
 */
export class KnownBadReaderDiagnostics extends ForwardingDriver {
  private readonly reported = new Set<string>();

  constructor(
    inner: PcscDriver,
    private readonly notify: QuirkNoticeSink,
  ) {
    super(inner);
  }

  override async listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    const outcome = await this.inner.listReaders(context);
    const listed = outcome.ok ? outcome.value.filter(isCt700) : [];
    // A CT700 that failed to start is never listed; only the USB bus still shows it.
    const plugged = this.usbDevices ? (await this.usbDevices()).filter(isCt700Device).map((device) => device.name) : [];
    for (const reader of new Set([...listed, ...plugged])) this.report(reader);
    return outcome;
  }

  private report(reader: string): void {
    if (this.reported.has(reader)) return;
    this.reported.add(reader);
    this.notify({
      quirk: 'ct700-breaks-pcsc',
      reader,
      message:
        `"${reader}" is a Gemalto CT700 / GemPC Pinpad (USB 08E6:3478). On OS X El Capitan its CCID driver fails to ` +
        'initialise it and every reader connected after it stops working. Unplug it, or upgrade: fixed in CCID 1.4.22 ' +
        '(macOS 10.12 Sierra ships 1.4.24).',
    });
  }
}
