import { formatHexByte } from '../apdu/hex';
import type { InterfaceGroup } from './atr-types';
import { transmissionParameters } from './transmission-tables';

/** One line per interface byte of group i, saying what it sets. */
export function describeInterfaceGroup(group: InterfaceGroup): string[] {
  const i = group.index;
  const lines: string[] = [];
  const add = (name: string, value: number | undefined, meaning: (value: number) => string): void => {
    if (value !== undefined) lines.push(`${name}${i} = ${formatHexByte(value)}: ${meaning(value)}`);
  };
  if (i === 1) {
    add('TA', group.ta, describeTa1);
    add('TB', group.tb, describeTb1);
    add('TC', group.tc, describeTc1);
  } else if (i === 2) {
    add('TA', group.ta, describeTa2);
    add('TB', group.tb, (v) => `programming voltage PI2 = ${v} (deprecated)`);
    add('TC', group.tc, (v) => (group.protocol === 0 ? describeWorkWaitingIntegerTc2(v) : specificTo(group.protocol)));
  } else if (group.protocol === 1) {
    add('TA', group.ta, (v) => (v === 0 || v === 0xff ? 'IFSC value reserved' : `T=1 IFSC (card's information field size) ${v} byte${v === 1 ? '' : 's'}`));
    add('TB', group.tb, (v) => `T=1 block waiting integer BWI = ${v >> 4}, character waiting integer CWI = ${v & 0x0f}`);
    add('TC', group.tc, (v) => `T=1 error detection code: ${(v & 0x01) === 1 ? 'CRC' : 'LRC'}`);
  } else if (group.protocol === 15) {
    add('TA', group.ta, describeClockStopAndClass);
    add('TB', group.tb, describeSpu);
    add('TC', group.tc, () => 'global byte, reserved for future use');
  } else {
    add('TA', group.ta, () => specificTo(group.protocol));
    add('TB', group.tb, () => specificTo(group.protocol));
    add('TC', group.tc, () => specificTo(group.protocol));
  }
  add('TD', group.td, (v) => describeTd(v, i));
  return lines;
}

function describeTa1(value: number): string {
  const { fi, fMax, di, cyclesPerEtu, maxBitRate } = transmissionParameters(value);
  const fiText = fi === undefined ? 'Fi reserved' : `Fi = ${fi} (f max ${fMax} MHz)`;
  const diText = di === undefined ? 'Di reserved' : `Di = ${di}`;
  if (cyclesPerEtu === undefined) return `${fiText}, ${diText}`;
  return `${fiText}, ${diText}: ${formatNumber(cyclesPerEtu)} clock cycles per ETU, up to ${maxBitRate} bit/s`;
}

function describeTb1(value: number): string {
  if (value === 0) return 'VPP not connected (deprecated byte)';
  return `programming voltage PI1 = ${value & 0x1f}, programming current II = ${(value >> 5) & 0x03} (deprecated)`;
}

function describeTc1(value: number): string {
  if (value === 0xff) return 'extra guard time N = 255: minimum character spacing (12 ETU for T=0, 11 ETU for T=1)';
  return `extra guard time N = ${value} ETU`;
}

function describeTa2(value: number): string {
  const change = (value & 0x80) === 0 ? 'can switch to negotiable mode' : 'cannot switch mode';
  const parameters = (value & 0x10) === 0 ? 'Fi/Di from TA1' : 'implicit Fi/Di';
  return `specific mode, protocol T=${value & 0x0f}, ${change}, ${parameters}`;
}

function describeWorkWaitingIntegerTc2(value: number): string {
  return `T=0 work waiting integer WI = ${value}${value === 0 ? ' (reserved)' : ''}`;
}

const CLOCK_STOP = ['clock stop not supported', 'clock stop in state L', 'clock stop in state H', 'clock stop with no preference'];

function describeClockStopAndClass(value: number): string {
  const classes = [
    [0x01, 'A (5 V)'],
    [0x02, 'B (3 V)'],
    [0x04, 'C (1.8 V)'],
  ] as const;
  const supported = classes.filter(([bit]) => (value & bit) !== 0).map(([, name]) => name);
  const classText = supported.length > 0 ? `class ${supported.join(', ')}` : 'no class indicated';
  return `${CLOCK_STOP[value >> 6] ?? ''}, ${classText}`;
}

function describeSpu(value: number): string {
  if (value === 0) return 'contact C6 (SPU) not used';
  if ((value & 0x80) !== 0) return `proprietary use of contact C6 (SPU)`;
  return `standard use of contact C6 (SPU): ${formatHexByte(value & 0x7f)}`;
}

function describeTd(value: number, i: number): string {
  const t = value & 0x0f;
  const protocol = t === 15 ? 'T=15 (global interface bytes)' : `protocol T=${t}`;
  return `Y${i + 1} = ${describePresence(value >> 4, i + 1)}, ${protocol}`;
}

/** A Y nibble as bits plus the interface bytes it announces, e.g. '1000 (TD2 present)'. */
export function describePresence(y: number, i: number): string {
  const present = ['TA', 'TB', 'TC', 'TD'].filter((_, bit) => (y & (1 << bit)) !== 0).map((name) => `${name}${i}`);
  return `${bits(y)} (${present.length > 0 ? `${present.join(', ')} present` : 'no interface bytes'})`;
}

function specificTo(protocol: number | undefined): string {
  return `specific to T=${protocol ?? 0}`;
}

function bits(nibble: number): string {
  return (nibble & 0x0f).toString(2).padStart(4, '0');
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
