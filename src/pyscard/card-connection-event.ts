export type CardConnectionEventType = 'connect' | 'reconnect' | 'disconnect' | 'release' | 'command' | 'response' | 'attrib';

/**
 * What a CardConnection tells its observers. `args`: undefined for connect/reconnect/disconnect/release;
 * [bytes, protocol] (or [controlCode, bytes]) for 'command'; [data, sw1, sw2] (or control's
 * response bytes) for 'response'.
 */
export class CardConnectionEvent {
  constructor(
    readonly type: CardConnectionEventType,
    readonly args?: readonly unknown[],
  ) {}
}
