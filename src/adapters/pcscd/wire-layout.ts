/**
 * pcscd's client socket protocol as pcsc-lite defines it (winscard_msg.h): command codes, the size
 * of each command's struct and where its fields sit. Every field is 32 bits in host byte order;
 * pcscd runs on the same machine, so this process's byte order is the daemon's.
 */

export const Command = {
  ESTABLISH_CONTEXT: 0x01,
  RELEASE_CONTEXT: 0x02,
  CONNECT: 0x04,
  RECONNECT: 0x05,
  DISCONNECT: 0x06,
  BEGIN_TRANSACTION: 0x07,
  END_TRANSACTION: 0x08,
  TRANSMIT: 0x09,
  CONTROL: 0x0a,
  STATUS: 0x0b,
  CANCEL: 0x0d,
  GET_ATTRIB: 0x0f,
  SET_ATTRIB: 0x10,
  VERSION: 0x11,
  GET_READERS_STATE: 0x12,
  WAIT_READER_STATE_CHANGE: 0x13,
  STOP_WAITING_READER_STATE_CHANGE: 0x14,
  GET_READER_EVENTS: 0x15,
  GET_READERS_STATE_SIZE: 0x16,
  GET_READERS_STATE_ARRAY: 0x17,
} as const;

export type CommandCode = (typeof Command)[keyof typeof Command];

/** `{u32 size, u32 command}` before every request; replies have no header. */
export const HEADER_SIZE = 8;

/** The struct size of each command that has one (request and reply share it). */
export const StructSize = {
  VERSION: 12,
  ESTABLISH_CONTEXT: 12,
  RELEASE_CONTEXT: 8,
  CONNECT: 152,
  RECONNECT: 24,
  DISCONNECT: 12,
  BEGIN_TRANSACTION: 8,
  END_TRANSACTION: 12,
  TRANSMIT: 32,
  CONTROL: 24,
  STATUS: 8,
  CANCEL: 8,
  GET_SET_ATTRIB: 280,
  /** WAIT's later push, STOP_WAITING's answer and GET_READER_EVENTS' answer: two u32. */
  WAIT_NOTICE: 8,
  READER_EVENTS: 8,
  READERS_STATE_SIZE: 4,
} as const;

/** Field offsets inside the structs whose fields are not simply consecutive u32 from 0. */
export const ConnectField = { context: 0, reader: 4, shareMode: 132, protocols: 136, handle: 140, activeProtocol: 144, rv: 148 } as const;
export const AttribField = { handle: 0, id: 4, value: 8, length: 272, rv: 276 } as const;

/** One READER_STATE of pcscd's reader table (eventhandler.h). */
export const ReaderStateField = {
  name: 0,
  eventCounter: 128,
  readerState: 132,
  readerSharing: 136,
  atr: 140,
  atrLength: 176,
  protocol: 180,
} as const;
export const READER_STATE_SIZE = 184;

/** MAX_READERNAME: reader names travel in 128 bytes, NUL included. */
export const READER_NAME_SIZE = 128;
/** MAX_ATR_SIZE. */
export const ATR_SIZE = 33;
/** READER_NOT_INITIALIZED: the ATR length of a reader pcscd has added but not yet looked at (no card state yet). */
export const ATR_LENGTH_NOT_INITIALIZED = ATR_SIZE + 1;
/** MAX_BUFFER_SIZE: the attribute buffer of GET_ATTRIB / SET_ATTRIB. */
export const ATTRIBUTE_SIZE = 264;
/** MAX_BUFFER_SIZE_EXTENDED: the most a TRANSMIT or CONTROL may carry either way (pcscd drops the socket beyond it). */
export const MAX_DATA_SIZE = 4 + 3 + (1 << 16) + 3 + 2;
/** PCSCLITE_MAX_READERS_CONTEXTS: the fixed reader table of protocols 4.4 and 4.5. */
export const FIXED_READER_COUNT = 16;
/** A 4.6 daemon's reader table may grow; more than this is taken for a malformed answer. */
export const MAX_READER_TABLE = 4096;

/** readerSharing values (eventhandler.h). */
export const SHARING_EXCLUSIVE = -1;
export const SHARING_NONE = 0;

export const PROTOCOL_MAJOR = 4;
/** The minor version offered first, the newest spoken (pcsc-lite 2.5.x); older daemons answer with their own. */
export const PROTOCOL_MINOR_OFFERED = 6;
