/** What happened on a CardConnection: a call (connect, reconnect, disconnect, release, attrib), a command sent, or its response. */
export type CardConnectionEventType = 'connect' | 'reconnect' | 'disconnect' | 'release' | 'command' | 'response' | 'attrib';

/**
 * What a CardConnection tells its observers. `args`: undefined for connect/reconnect/disconnect/release;
 * [bytes, protocol] (or [controlCode, bytes]) for 'command'; [data, sw1, sw2] (or control's
 * response bytes) for 'response'.
 */
export class CardConnectionEvent {
  constructor(
    /** What happened. */
    readonly type: CardConnectionEventType,
    /** The call's arguments or answer (see above); undefined for connect, reconnect, disconnect, release. */
    readonly args?: readonly unknown[],
  ) {}
}
