/**
 * A small stand-in for pcscd on a temporary unix socket: it parses requests as pcscd does (header,
 * struct of the exact size, TRANSMIT/CONTROL payload) and answers from a scriptable table, so tests
 * can make it speak another protocol version, cut replies short, lie about lengths or hang up.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as rc from '../../../../src/driver/return-codes';
import { SCARD_ABSENT, SCARD_POWERED, SCARD_PRESENT } from '../../../../src/driver/scard-constants';
import { Command, READER_STATE_SIZE, ReaderStateField, FIXED_READER_COUNT } from '../../../../src/adapters/pcscd/wire-layout';

export interface FakeReader {
  name: string;
  eventCounter: number;
  cardPresent: boolean;
  atr: Uint8Array;
  sharing: number;
}

export interface Request {
  readonly command: number;
  readonly body: Buffer;
  readonly payload: Buffer;
}

export class FakeClient {
  registered = false;
  context = 0;
  /** The minor version this client's handshake settled on (4.6 clients read the sized table). */
  minor = 0;
  readonly seen: Request[] = [];
  constructor(readonly socket: net.Socket) {}
  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }
  push(rv: number): void {
    this.registered = false;
    this.write(u32s(0, rv));
  }
}

/** Returns true when it answered the request itself. */
export type Override = (client: FakeClient, request: Request, daemon: FakePcscd) => boolean;

export interface FakeOptions {
  /** The daemon's protocol and the client minors it also accepts. */
  readonly version?: { readonly major: number; readonly minor: number; readonly accepts?: readonly number[]; readonly refusal?: number };
  readonly override?: Override;
  /** Listen on this path (a daemon that replaces another at the same path) instead of a new one. */
  readonly at?: string;
}

export function u32s(...values: number[]): Buffer {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => buffer.writeUInt32LE(value >>> 0, index * 4));
  return buffer;
}

const STRUCT_SIZES: Record<number, number> = {
  [Command.VERSION]: 12,
  [Command.ESTABLISH_CONTEXT]: 12,
  [Command.RELEASE_CONTEXT]: 8,
  [Command.CONNECT]: 152,
  [Command.RECONNECT]: 24,
  [Command.DISCONNECT]: 12,
  [Command.BEGIN_TRANSACTION]: 8,
  [Command.END_TRANSACTION]: 12,
  [Command.TRANSMIT]: 32,
  [Command.CONTROL]: 24,
  [Command.STATUS]: 8,
  [Command.CANCEL]: 8,
  [Command.GET_ATTRIB]: 280,
  [Command.SET_ATTRIB]: 280,
};

export class FakePcscd {
  readonly path: string;
  readonly clients: FakeClient[] = [];
  readonly readers: FakeReader[] = [
    { name: 'Fake Reader 00 00', eventCounter: 1, cardPresent: true, atr: Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01), sharing: 0 },
  ];
  private readonly dir: string;
  private nextId = 0x1000;

  private constructor(
    private readonly server: net.Server,
    dir: string,
    readonly options: FakeOptions,
  ) {
    this.dir = dir;
    this.path = options.at ?? join(dir, 'pcscd.comm');
  }

  static async start(options: FakeOptions = {}): Promise<FakePcscd> {
    const dir = mkdtempSync(join(tmpdir(), 'fake-pcscd-'));
    if (options.at) {
      mkdirSync(dirname(options.at), { recursive: true });
      rmSync(options.at, { force: true });
    }
    const server = net.createServer();
    const daemon = new FakePcscd(server, dir, options);
    server.on('connection', (socket) => daemon.serve(socket));
    await new Promise<void>((resolve) => server.listen(daemon.path, resolve));
    return daemon;
  }

  async stop(): Promise<void> {
    for (const client of this.clients) client.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
    if (this.options.at) rmSync(dirname(this.options.at), { recursive: true, force: true });
  }

  /** Every request of a command, across clients. */
  requests(command: number): Request[] {
    return this.clients.flatMap((client) => client.seen.filter((request) => request.command === command));
  }

  /** Signals every registered client, as pcscd does on a reader event. */
  signalEvent(): void {
    for (const client of this.clients) if (client.registered) client.push(rc.SCARD_S_SUCCESS);
  }

  /** Takes the card out of reader `slot` (its event counter moves on) and signals the registered clients. */
  removeCard(slot: number): void {
    const reader = this.readers[slot];
    if (!reader) throw new Error(`no fake reader in slot ${slot}`);
    reader.cardPresent = false;
    reader.eventCounter++;
    this.signalEvent();
  }

  /** The slots of pcsc-lite 2.5's table: 2 at first, grown 2 at a time as readers fill it. */
  tableSlots(): number {
    return Math.max(1, Math.ceil(this.readers.length / 2)) * 2;
  }

  /** The reader table in `slots` READER_STATEs (16 up to protocol 4.5, as pcscd 2.5 sends old clients). */
  readerTable(slots: number = FIXED_READER_COUNT): Buffer {
    const table = Buffer.alloc(slots * READER_STATE_SIZE);
    this.readers.slice(0, slots).forEach((reader, slot) => {
      const base = slot * READER_STATE_SIZE;
      table.write(reader.name, base, 'utf8');
      table.writeUInt32LE(reader.eventCounter, base + ReaderStateField.eventCounter);
      table.writeUInt32LE(reader.cardPresent ? SCARD_PRESENT | SCARD_POWERED : SCARD_ABSENT, base + ReaderStateField.readerState);
      table.writeInt32LE(reader.sharing, base + ReaderStateField.readerSharing);
      if (reader.cardPresent) {
        table.set(reader.atr, base + ReaderStateField.atr);
        table.writeUInt32LE(reader.atr.length, base + ReaderStateField.atrLength);
        table.writeUInt32LE(2, base + ReaderStateField.protocol);
      }
    });
    return table;
  }

  private serve(socket: net.Socket): void {
    const client = new FakeClient(socket);
    this.clients.push(client);
    let pending = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (pending.length < 8) return;
        const size = pending.readUInt32LE(0);
        const command = pending.readUInt32LE(4);
        const expected = STRUCT_SIZES[command] ?? 0;
        if (size !== expected) {
          socket.destroy();
          return;
        }
        let payloadLength = 0;
        if (pending.length >= 8 + size) {
          if (command === Command.TRANSMIT) payloadLength = pending.readUInt32LE(8 + 12);
          if (command === Command.CONTROL) payloadLength = pending.readUInt32LE(8 + 8);
        }
        if (pending.length < 8 + size + payloadLength) return;
        const request: Request = {
          command,
          body: Buffer.from(pending.subarray(8, 8 + size)),
          payload: Buffer.from(pending.subarray(8 + size, 8 + size + payloadLength)),
        };
        pending = pending.subarray(8 + size + payloadLength);
        client.seen.push(request);
        if (this.options.override?.(client, request, this)) continue;
        this.answer(client, request);
      }
    });
  }

  /** Answers `request` as pcscd 1.9.9 would (an override may call it to answer differently, e.g. cut short). */
  answer(client: FakeClient, { command, body, payload }: Request): void {
    const version = this.options.version ?? { major: 4, minor: 4 };
    switch (command) {
      case Command.VERSION: {
        const minor = body.readInt32LE(4);
        const ok = body.readInt32LE(0) === version.major && (minor === version.minor || (version.accepts ?? []).includes(minor));
        if (ok) client.minor = minor;
        client.write(u32s(version.major, version.minor, ok ? 0 : (version.refusal ?? rc.SCARD_E_SERVICE_STOPPED)));
        return;
      }
      case Command.ESTABLISH_CONTEXT:
        client.context = this.nextId++;
        client.write(u32s(body.readUInt32LE(0), client.context, 0));
        return;
      case Command.RELEASE_CONTEXT:
        client.write(u32s(body.readUInt32LE(0), 0));
        return;
      case Command.GET_READERS_STATE:
        client.write(this.readerTable());
        return;
      case Command.WAIT_READER_STATE_CHANGE:
        client.registered = true;
        // From protocol 4.6 on WAIT only registers; the client asks for the sized table next.
        if (client.minor < 6) client.write(this.readerTable());
        return;
      case Command.GET_READERS_STATE_SIZE:
        client.write(u32s(this.tableSlots()));
        return;
      case Command.GET_READERS_STATE_ARRAY:
        client.write(this.readerTable(this.tableSlots()));
        return;
      case Command.STOP_WAITING_READER_STATE_CHANGE:
        if (client.registered) {
          client.registered = false;
          client.write(u32s(0, 0));
        }
        return;
      case Command.GET_READER_EVENTS:
        client.write(u32s(7, 0));
        return;
      case Command.CANCEL: {
        const context = body.readUInt32LE(0);
        const target = this.clients.find((candidate) => candidate.context === context);
        if (target?.registered) target.push(rc.SCARD_E_CANCELLED);
        client.write(u32s(context, target ? 0 : rc.SCARD_E_INVALID_HANDLE));
        return;
      }
      case Command.CONNECT: {
        const reply = Buffer.from(body);
        reply.writeUInt32LE(this.nextId++, 140);
        reply.writeUInt32LE(2, 144);
        reply.writeUInt32LE(0, 148);
        client.write(reply);
        return;
      }
      case Command.TRANSMIT: {
        // Echoes the command and appends 90 00.
        const answer = Buffer.concat([payload, Buffer.from([0x90, 0x00])]);
        const reply = Buffer.from(body);
        reply.writeUInt32LE(answer.length, 24);
        reply.writeUInt32LE(0, 28);
        client.write(Buffer.concat([reply, answer]));
        return;
      }
      case Command.GET_ATTRIB: {
        const reply = Buffer.from(body);
        reply.write('Fake vendor', 8, 'latin1');
        reply.writeUInt32LE(11, 272);
        reply.writeUInt32LE(0, 276);
        client.write(reply);
        return;
      }
      default: {
        // Every other struct answers itself with rv = 0 in its last field.
        const reply = Buffer.from(body);
        reply.writeUInt32LE(0, reply.length - 4);
        client.write(reply);
      }
    }
  }
}
