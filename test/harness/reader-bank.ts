import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcscdOutput } from './pcscd';

const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';

/**
 * First ports of the vpcd reader banks the tests configure, one block of 100 each. They lie below
 * Linux's ephemeral range (32768-60999 by default): a vpcd slot whose port some client connection
 * already uses (or left in TIME_WAIT) as its local port cannot listen, and pcscd then leaves that
 * reader out of its list.
 */
export const READER_BANK_PORTS = {
  readerTableGrowth: 24_100,
  debianLimit: 24_200,
  grownTable: 24_300,
  readerArrayFallover: 24_400,
  benchDebianLimit: 24_500,
  benchGrownTable: 24_600,
} as const;

/** pcscd 1.9.9 (Debian 12) holds at most this many readers; pcsc-lite 2.5 grows its table past it. */
export const DEBIAN_PCSCD_READER_LIMIT = 16;

/** A reader configuration of vpcd entries: each entry gives two slots, on its port and the next. */
export interface ReaderBank {
  /** The directory to give pcscd as `--config`. */
  readonly configDir: string;
  /** Every slot's vpcd TCP port, in reader order. */
  readonly ports: readonly number[];
  /** The name pcscd gives the reader of vpcd slot `port`. */
  readerName(port: number): string;
  remove(): void;
}

/**
 * Writes a reader configuration of `readers` vpcd slots (an even number) on consecutive ports from
 * `firstPort`. Each entry is named after its first port, so every reader's name says its port.
 *
 * vpcd keeps its slots in static arrays indexed by slot number: two entries loading the same
 * library share slot 0, the later entry's port wins and its card shows up in the earlier entry's
 * reader. Each entry therefore loads a copy of the library of its own (another file, so neither
 * pcscd nor the dynamic loader reuses the one already loaded).
 */
export function vpcdReaderBank(readers: number, firstPort: number): ReaderBank {
  if (readers <= 0 || readers % 2 !== 0) throw new RangeError('vpcd entries come in pairs of slots: readers must be even and positive');
  const configDir = mkdtempSync(join(tmpdir(), 'pcscd-reader-bank-'));
  const driverDir = mkdtempSync(join(tmpdir(), 'pcscd-reader-bank-drivers-'));
  for (let entry = 0; entry < readers / 2; entry++) {
    const port = firstPort + 2 * entry;
    const hex = `0x${port.toString(16)}`;
    const driver = join(driverDir, `libifdvpcd-${port}.so`);
    copyFileSync(VPCD_DRIVER, driver);
    const lines = [`FRIENDLYNAME "Vpcd ${port}"`, `DEVICENAME /dev/null:${hex}`, `LIBPATH ${driver}`, `CHANNELID ${hex}`];
    writeFileSync(join(configDir, `vpcd-${port}`), `${lines.join('\n')}\n`);
  }
  const ports = Array.from({ length: readers }, (_, index) => firstPort + index);
  return {
    configDir,
    ports,
    readerName: (port) => {
      const slot = (port - firstPort) % 2;
      return `Vpcd ${port - slot} 00 0${slot}`;
    },
    remove: () => {
      rmSync(configDir, { recursive: true, force: true });
      rmSync(driverDir, { recursive: true, force: true });
    },
  };
}

/** Lists until every one of `expected` is there (pcscd loads a configuration one entry at a time). */
export async function untilListed(list: () => Promise<readonly string[]>, expected: readonly string[], timeoutMs = 30_000): Promise<readonly string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await list().catch(() => [] as readonly string[]);
    const missing = expected.filter((name) => !names.includes(name));
    if (missing.length === 0) return names;
    if (Date.now() > deadline) {
      throw new Error(
        `pcscd lists ${names.length} readers after ${timeoutMs} ms, not ${expected.length}; missing: ${missing.join(', ')}.${describeRecentOutput()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function describeRecentOutput(): string {
  const output = pcscdOutput().trim();
  return output ? `\npcscd output:\n${output}` : '';
}
