import type { Pcsc } from '../../../src/core/pcsc';
import type { ReaderState } from '../../../src/core/reader-info';

/** pcscd learns of vpcd insertions and removals by polling, so tests wait for the state it publishes. */
export async function waitForReaderState(
  pcsc: Pcsc,
  reader: string,
  wanted: (state: ReaderState) => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await pcsc.listReaders()).find((r) => r.name === reader);
    if (found && wanted(found.state)) return;
    if (Date.now() > deadline) throw new Error(`"${reader}" never reached the wanted state (last: ${found?.state})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
