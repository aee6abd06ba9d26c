import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PcscdOptions } from './pcscd';

const SOURCE = join(__dirname, 'unpluggable-reader', 'ifd-unpluggable.c');
const ROOT = join(__dirname, '..', '..');
const BUILDS = process.env.RESILIENT_PCSC_LITE_BUILDS ?? join(ROOT, 'node_modules', '.cache', 'pcsc-lite');
/** A pcsc-lite 2.5 built with USB hotplug: only such a pcscd removes a serial reader that is gone. */
export const HOTPLUG_BUILD = join(BUILDS, 'hotplug-2.5.1');
const FRIENDLY_NAME = 'Unpluggable Reader';
/** How pcscd lists the reader (one slot, the first reader it serves). */
export const UNPLUGGABLE_READER = `${FRIENDLY_NAME} 00 00`;

/**
 * A serial reader that a test can unplug, served by test/harness/unpluggable-reader/ifd-unpluggable.c
 * (compiled here with gcc against pcsc-lite's ifdhandler.h). Its card is always present and answers
 * every command with 90 00. `unplug()` makes the driver answer IFD_NO_SUCH_DEVICE, after which pcscd
 * removes the reader by itself.
 */
export class UnpluggableReader {
  private readonly directory = mkdtempSync(join(tmpdir(), 'unpluggable-reader-'));
  private readonly marker = join(this.directory, 'unplugged');

  /** Throws when the hotplug build of pcsc-lite or the C compiler is missing: a missing harness is a failure. */
  constructor() {
    if (!existsSync(join(HOTPLUG_BUILD, 'pcscd'))) {
      throw new Error(
        `No pcscd with USB hotplug at ${HOTPLUG_BUILD}: build it first, outside the test namespace, with ` +
          `bash test/harness/build-pcsc-lite.sh --hotplug 2.5.1 ${HOTPLUG_BUILD} (.ci/run does).`,
      );
    }
    const library = join(this.directory, 'libifd-unpluggable.so');
    execFileSync('gcc', ['-shared', '-fPIC', '-Wall', '-Werror', '-I/usr/include/PCSC', '-o', library, SOURCE], { stdio: 'pipe' });
    const config = join(this.directory, 'reader.conf.d');
    mkdirSync(config);
    // DEVICENAME carries the marker file's path; the part after ':' keeps pcscd from stat()ing it.
    writeFileSync(join(config, 'unpluggable'), `FRIENDLYNAME "${FRIENDLY_NAME}"\nDEVICENAME ${this.marker}:0\nLIBPATH ${library}\nCHANNELID 1\n`);
    mkdirSync(join(this.directory, 'no-usb-drivers'));
  }

  /** Starts the hotplug build with this reader as its only one and no USB reader drivers. */
  get pcscdOptions(): PcscdOptions {
    return {
      pcscdPath: join(HOTPLUG_BUILD, 'pcscd'),
      readers: { config: join(this.directory, 'reader.conf.d') },
      usbDriverDir: join(this.directory, 'no-usb-drivers'),
    };
  }

  /** The client library of the same build, for the 'winscard' driver. */
  get clientLibrary(): string {
    return join(HOTPLUG_BUILD, 'libpcsclite.so.1');
  }

  unplug(): void {
    writeFileSync(this.marker, '');
  }

  /** Plugs the reader back in for the next pcscd started (a running one finds it only on SIGUSR1). */
  plugIn(): void {
    if (existsSync(this.marker)) unlinkSync(this.marker);
  }

  dispose(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}
