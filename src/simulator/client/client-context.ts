import type { ContextId, HandleId } from '../../driver/pcsc-driver';
import type { ServerHandle } from '../service/server-handle';
import { ContextGate } from './context-gate';

/** A card handle as the application's client library records it. */
export interface ClientHandle {
  readonly id: HandleId;
  readonly context: ClientContext;
  readonly server: ServerHandle;
  /** The name given to SCardConnect; SCardStatus reports this one. */
  readonly readerName: string;
  /** False once disconnected or its context released. */
  open: boolean;
}

/** An SCARDCONTEXT as the application's client library records it. */
export class ClientContext {
  readonly gate = new ContextGate();
  readonly handles = new Set<ClientHandle>();
  /** Set while a getStatusChange on this context is waiting. */
  cancelWait: (() => void) | undefined;
  /** The context was released or its application exited; calls still queued give up. */
  closed = false;

  constructor(
    readonly id: ContextId,
    /** The service epoch it was established in. */
    readonly epoch: number,
  ) {}
}
