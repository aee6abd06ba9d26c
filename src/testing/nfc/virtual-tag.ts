import { VirtualCard } from '../virtual-card';
import { ReaderFirmware, type ReaderExtrasState, type ReaderFirmwareOptions } from './reader-firmware';
import type { TagChip } from './tag-chip';
import { MifareClassicChip, type MifareClassicChipOptions } from './mifare-classic-chip';
import { Type2Chip, type Type2ChipOptions, type Type2Model } from './type2-chip';
import { PhoneChip, Type4Chip, type PhoneChipOptions, type Type4ChipOptions } from './iso-dep-chip';

/**
 * A contactless tag as a PC/SC reader presents it: the chip, and the reader firmware that answers
 * the Part 3 pseudo-APDUs for it. Usable in SimulatedPcsc and behind a real pcscd through vpcd.
 */
export class VirtualTag<Chip extends TagChip = TagChip> extends VirtualCard {
  /** The reader firmware's LED/buzzer state. */
  readonly extras: ReaderExtrasState;

  constructor(
    /** The chip in the field. */
    readonly chip: Chip,
    options: ReaderFirmwareOptions = {},
  ) {
    const firmware = new ReaderFirmware(chip, options);
    super({ atr: chip.atr, respond: (apdu) => firmware.respond(apdu), onReset: () => chip.reset() });
    this.extras = firmware.extras;
  }
}

/** A MIFARE Classic 1K or 4K behind an ACS-style reader (or the firmware style given). */
export function virtualMifareClassic(options: MifareClassicChipOptions & ReaderFirmwareOptions = {}): VirtualTag<MifareClassicChip> {
  return new VirtualTag(new MifareClassicChip(options), options);
}

/** An NTAG213/215/216 or MIFARE Ultralight. */
export function virtualType2Tag(model: Type2Model, options: Type2ChipOptions & ReaderFirmwareOptions = {}): VirtualTag<Type2Chip> {
  return new VirtualTag(new Type2Chip(model, options), options);
}

/** An NFC Forum Type 4 tag with an NDEF application. */
export function virtualType4Tag(options: Type4ChipOptions & ReaderFirmwareOptions = {}): VirtualTag<Type4Chip> {
  return new VirtualTag(new Type4Chip(options), options);
}

/** A phone in host card emulation answering 6A 82 to AIDs nobody registered. */
export function virtualPhone(options: PhoneChipOptions & ReaderFirmwareOptions = {}): VirtualTag<PhoneChip> {
  return new VirtualTag(new PhoneChip(options), options);
}
