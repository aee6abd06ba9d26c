import { debuglog } from 'node:util';
import { formatHex } from '../apdu/hex';
import { describeCodeName, hexOf } from '../errors/code-names';
import { ForwardingDriver } from './forwarding-driver';
import { transmitBatchOf } from './transmit-batch';
import type {
  BatchControl,
  CardStatusResult,
  ConnectResult,
  ContextId,
  HandleId,
  Outcome,
  PcscDriver,
  ReaderStateQuery,
  ReaderStateResult,
} from './pcsc-driver';

/** One command and its answer as the driver exchanged them (below the quirk workarounds, like `pcscd --apdu`). */
export interface ApduTraceEntry {
  /** The card handle the command went to. */
  readonly handle: HandleId;
  /** The command APDU as sent. */
  readonly command: Uint8Array;
  /** The card's answer (data and SW1 SW2); undefined when the transmit failed. */
  readonly response: Uint8Array | undefined;
  /** The SCARD_* result of SCardTransmit (0 on success). */
  readonly rc: number;
  /**
   * How long the transmit took, in milliseconds. The answers of a batch (Card.transmitBatch) come
   * back together: each of its entries gets the batch's time divided by its number of answers.
   */
  readonly durationMs: number;
}

/**
 * APDU tracing: `true` prints every command and answer to stderr; a function receives each
 * exchange instead (an observer, as PySCard's CardConnectionObserver).
 */
export type TraceOption = boolean | ((entry: ApduTraceEntry) => void);

/** A util.debuglog-style logger: printf-like format, then the values. */
export type PortCallLog = (format: string, ...values: unknown[]) => void;

/** `SCARD_E_TIMEOUT (0x8010000A)`, or the hex number alone for a code outside the table. */
function describeRc(rc: number): string {
  const { name } = describeCodeName(rc);
  const hex = hexOf(rc);
  return name === hex ? hex : `${name} (${hex})`;
}

function printApdu(entry: ApduTraceEntry): void {
  const answer = entry.response ? formatHex(entry.response) : `failed: ${describeRc(entry.rc)}`;
  process.stderr.write(`resilient-pcsc apdu > ${formatHex(entry.command)}\nresilient-pcsc apdu < ${answer} (${entry.durationMs.toFixed(3)} ms)\n`);
}

function elapsedMs(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Logs every port call with its arguments, SCARD_* result and duration (NODE_DEBUG=resilient-pcsc,
 * through util.debuglog), and reports every APDU exchange to the APDU trace.
 */
export class TracingDriver extends ForwardingDriver {
  constructor(
    inner: PcscDriver,
    private readonly log: PortCallLog | undefined,
    private readonly onApdu: ((entry: ApduTraceEntry) => void) | undefined,
  ) {
    super(inner);
  }

  private async traced<T extends { readonly rc: number } | number>(call: string, args: string, run: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    try {
      const result = await run();
      this.log?.('%s(%s) -> %s in %s ms', call, args, describeRc(typeof result === 'number' ? result : result.rc), elapsedMs(started).toFixed(3));
      return result;
    } catch (error) {
      this.log?.('%s(%s) threw %s after %s ms', call, args, error instanceof Error ? error.message : String(error), elapsedMs(started).toFixed(3));
      throw error;
    }
  }

  override establishContext(): Promise<Outcome<ContextId>> {
    return this.traced('SCardEstablishContext', '', () => super.establishContext());
  }
  override releaseContext(context: ContextId): Promise<number> {
    return this.traced('SCardReleaseContext', String(context), () => super.releaseContext(context));
  }
  override listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    return this.traced('SCardListReaders', String(context), () => super.listReaders(context));
  }
  override getStatusChange(context: ContextId, readers: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const names = readers.map((reader) => JSON.stringify(reader.reader)).join(', ');
    return this.traced('SCardGetStatusChange', `${String(context)}, [${names}], ${timeoutMs}`, () => super.getStatusChange(context, readers, timeoutMs));
  }
  override cancel(context: ContextId): Promise<number> {
    return this.traced('SCardCancel', String(context), () => super.cancel(context));
  }
  override connect(context: ContextId, reader: string, shareMode: number, preferredProtocols: number): Promise<Outcome<ConnectResult>> {
    const args = `${String(context)}, ${JSON.stringify(reader)}, share ${shareMode}, protocols ${preferredProtocols}`;
    return this.traced('SCardConnect', args, () => super.connect(context, reader, shareMode, preferredProtocols));
  }
  override reconnect(handle: HandleId, shareMode: number, preferredProtocols: number, initialization: number): Promise<Outcome<number>> {
    const args = `${String(handle)}, share ${shareMode}, protocols ${preferredProtocols}, initialization ${initialization}`;
    return this.traced('SCardReconnect', args, () => super.reconnect(handle, shareMode, preferredProtocols, initialization));
  }
  override status(handle: HandleId): Promise<Outcome<CardStatusResult>> {
    return this.traced('SCardStatus', String(handle), () => super.status(handle));
  }
  override async transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    const started = process.hrtime.bigint();
    const outcome = await this.traced('SCardTransmit', `${String(handle)}, protocol ${protocol}, ${command.length} bytes`, () =>
      super.transmit(handle, protocol, command, receiveLength),
    );
    this.onApdu?.({ handle, command, response: outcome.ok ? outcome.value : undefined, rc: outcome.rc, durationMs: elapsedMs(started) });
    return outcome;
  }
  override async transmitBatch(
    handle: HandleId,
    protocol: number,
    commands: readonly Uint8Array[],
    control: BatchControl,
  ): Promise<readonly Outcome<Uint8Array>[]> {
    const started = process.hrtime.bigint();
    // Straight to the driver below: super's would send the commands one by one through this.transmit.
    const outcomes = await this.traced('SCardTransmit', `${String(handle)}, protocol ${protocol}, batch of ${commands.length}`, async () => {
      const answered = await transmitBatchOf(this.inner)(handle, protocol, commands, control);
      return { rc: answered.find((outcome) => !outcome.ok)?.rc ?? 0, answered };
    });
    const share = outcomes.answered.length === 0 ? 0 : elapsedMs(started) / outcomes.answered.length;
    outcomes.answered.forEach((outcome, index) => {
      this.onApdu?.({ handle, command: commands[index] as Uint8Array, response: outcome.ok ? outcome.value : undefined, rc: outcome.rc, durationMs: share });
    });
    return outcomes.answered;
  }
  override control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    return this.traced('SCardControl', `${String(handle)}, code ${controlCode}, ${data.length} bytes`, () => super.control(handle, controlCode, data));
  }
  override beginTransaction(handle: HandleId): Promise<number> {
    return this.traced('SCardBeginTransaction', String(handle), () => super.beginTransaction(handle));
  }
  override endTransaction(handle: HandleId, disposition: number): Promise<number> {
    return this.traced('SCardEndTransaction', `${String(handle)}, disposition ${disposition}`, () => super.endTransaction(handle, disposition));
  }
  override disconnect(handle: HandleId, disposition: number): Promise<number> {
    return this.traced('SCardDisconnect', `${String(handle)}, disposition ${disposition}`, () => super.disconnect(handle, disposition));
  }
}

/**
 * `driver` with tracing when NODE_DEBUG names resilient-pcsc or `trace` asks for the APDUs;
 * otherwise `driver` itself, so tracing costs nothing when it is off.
 */
export function withTracing(driver: PcscDriver, trace: TraceOption = false, log: PortCallLog & { enabled?: boolean } = debuglog('resilient-pcsc')): PcscDriver {
  const onApdu = trace === true ? printApdu : trace === false ? undefined : trace;
  const portLog = log.enabled === false ? undefined : log;
  if (!portLog && !onApdu) return driver;
  return new TracingDriver(driver, portLog, onApdu);
}
