import { describeCode, errorFromCode } from '../../src/errors/error-table';
import type { ContextId, HandleId } from '../../src/driver/pcsc-driver';
import { SCARD_S_SUCCESS } from '../../src/driver/return-codes';
import * as k from '../../src/driver/scard-constants';
import type { ContractWorld } from './contract-world';
import type { CommandName, DispositionName, FollowUp, ProtocolName, ShareName, Step, TransmitProtocol } from './steps';

const SHARE: Readonly<Record<ShareName, number>> = {
  shared: k.SCARD_SHARE_SHARED,
  exclusive: k.SCARD_SHARE_EXCLUSIVE,
  direct: k.SCARD_SHARE_DIRECT,
};
/** The protocol bits each step name stands for ('none' is 0, what a 'direct' connection may ask). */
export const PROTOCOLS: Readonly<Record<ProtocolName, number>> = {
  T0: k.SCARD_PROTOCOL_T0,
  T1: k.SCARD_PROTOCOL_T1,
  any: k.SCARD_PROTOCOL_ANY,
  raw: k.SCARD_PROTOCOL_RAW,
  none: k.SCARD_PROTOCOL_UNDEFINED,
};
const DISPOSITION: Readonly<Record<DispositionName, number>> = {
  leave: k.SCARD_LEAVE_CARD,
  reset: k.SCARD_RESET_CARD,
  unpower: k.SCARD_UNPOWER_CARD,
  eject: k.SCARD_EJECT_CARD,
};
const COMMANDS: Readonly<Record<CommandName, Uint8Array>> = {
  select: Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x06, 0xa0, 0x00, 0x00, 0x00, 0x18, 0xff),
  test: Uint8Array.of(0x80, 0x34, 0x00, 0x0e, 0x0e),
  unknown: Uint8Array.of(0x00, 0xca, 0x00, 0x00, 0x00),
};
/** Reader-state flags every driver must report alike (the event counter is compared apart). */
export const COMPARED_FLAGS =
  k.SCARD_STATE_CHANGED |
  k.SCARD_STATE_UNKNOWN |
  k.SCARD_STATE_UNAVAILABLE |
  k.SCARD_STATE_EMPTY |
  k.SCARD_STATE_PRESENT |
  k.SCARD_STATE_EXCLUSIVE |
  k.SCARD_STATE_INUSE |
  k.SCARD_STATE_MUTE;

interface OpenHandle {
  readonly id: HandleId;
  protocol: number;
}

interface Application {
  context: ContextId;
  readonly contexts: ContextId[];
  readonly handles: OpenHandle[];
  /** What this application last saw of each reader (its own service's counter included). */
  readonly known: [number, number];
}

/** One step's normalized result: equal strings on two drivers mean the same observable behaviour. */
export type Observation = string;

function hex(bytes: Uint8Array | undefined): string {
  return bytes ? Buffer.from(bytes).toString('hex') : '-';
}

/** The code's name and the error class the core makes of it. */
export function codeText(rc: number): string {
  if (rc === SCARD_S_SUCCESS) return 'OK';
  return `${describeCode(rc).name}/${errorFromCode(rc).constructor.name}`;
}

/** Runs `steps` on `world` from a fresh start (one context per application) and observes each one. */
export async function runSequence(world: ContractWorld, steps: readonly Step[]): Promise<Observation[]> {
  const counterBase = [0, 0];
  const rebase = async (): Promise<void> => {
    for (const r of [0, 1] as const) counterBase[r] = (await world.readerState(r)) >>> k.SCARD_STATE_EVENT_COUNTER_SHIFT;
  };
  await rebase();
  const seen = world.cards.map((card) => card.commandCount);
  const apps: Application[] = [];
  for (const driver of world.apps) {
    const established = await driver.establishContext();
    if (!established.ok) throw new Error(`${world.label}: establishContext failed: ${codeText(established.rc)}`);
    apps.push({ context: established.value, contexts: [established.value], handles: [], known: [0, 0] });
  }

  const cardTraffic = (): string => {
    const parts: string[] = [];
    world.cards.forEach((card, r) => {
      const fresh = card.commandCount - (seen[r] ?? 0);
      seen[r] = card.commandCount;
      if (fresh > 0) {
        const entries = card.log.slice(card.log.length - fresh).map((entry) => `${hex(entry.command)}>${hex(entry.response)}`);
        parts.push(`card${r}[${entries.join(' ')}]`);
      }
    });
    return parts.length > 0 ? ` ${parts.join(' ')}` : '';
  };

  const observations: Observation[] = [];
  let blocked: { readonly app: number; readonly call: Promise<Observation> } | undefined;
  try {
    for (const [index, step] of steps.entries()) {
      world.stepStarted();
      const call = runStep(world, apps, step, counterBase);
      const result = await withinLimit(call, BLOCKED, world.callLimits.blockedAfterMs);
      if (result === BLOCKED) {
        // libpcsclite keeps retrying a call another application's lock refuses: the sequence
        // cannot go on in this application; the others release theirs and the call must end.
        observations.push(BLOCKED);
        blocked = { app: waitingApp(step), call };
        break;
      }
      if (step.op === 'restart-service') await rebase();
      observations.push(result + cardTraffic());
      await world.stepEnded(index);
    }
  } finally {
    const order = [...apps.entries()].sort(([a], [b]) => Number(a === blocked?.app) - Number(b === blocked?.app));
    for (const [index, app] of order) {
      if (index === blocked?.app) {
        const unblocked = await withinLimit(blocked.call, HANG, world.callLimits.hangAfterMs);
        observations.push(`then ${unblocked}${cardTraffic()}`);
        // Waiting for a lock its own handle holds: in pcsc-lite no later call of the application
        // gets through either (one call at a time per context), its release included.
        if (unblocked === HANG) continue;
      }
      const driver = world.apps[index];
      for (const context of app.contexts) {
        const released = await withinLimit(driver?.releaseContext(context) ?? Promise.resolve(0), -1);
        // eslint-disable-next-line no-unsafe-finally -- a context that never closes fails the sequence, whatever came before
        if (released === -1) throw new Error(`${world.label}: releaseContext never answered`);
      }
    }
  }
  return observations;
}

/** The application whose call a step may leave waiting for a lock (-1: none). */
function waitingApp(step: Step): number {
  if (step.op === 'release-then') return step.next.app;
  return 'app' in step ? step.app : -1;
}

/** A step that never answers is a divergence too (no call may hang); it shows as 'HANG'. */
const STEP_LIMIT_MS = 20_000;
const HANG = 'HANG';
const BLOCKED = 'BLOCKED';

/**
 * Whether the simulator's run of a sequence ended in a call waiting for a lock its own
 * application holds (after the others released theirs): the index of that call's step, else -1.
 */
export function selfDeadlockStep(observations: readonly Observation[]): number {
  if (!observations.some((observation) => observation.startsWith(`then ${HANG}`))) return -1;
  return observations.indexOf(BLOCKED);
}

/** `work`, or `onHang` once it has taken longer than any call may. */
export async function withinLimit<T>(work: Promise<T>, onHang: T, limitMs = STEP_LIMIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onHang), limitMs);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Card events since the sequence (or the service) started, from a state word's upper 16 bits. */
function counterSince(state: number, base: number | undefined): number {
  return ((state >>> k.SCARD_STATE_EVENT_COUNTER_SHIFT) - (base ?? 0)) & 0xffff;
}

function pick(app: Application, index: number): OpenHandle | undefined {
  if (app.handles.length === 0) return undefined;
  return app.handles[index < 0 ? app.handles.length - 1 : index % app.handles.length];
}

function transmitProtocol(open: OpenHandle, named: TransmitProtocol | undefined): number {
  return named === undefined || named === 'own' ? open.protocol : PROTOCOLS[named];
}

async function runStep(world: ContractWorld, apps: readonly Application[], step: Step | FollowUp, counterBase: number[]): Promise<Observation> {
  switch (step.op) {
    case 'remove-card':
      return (await world.removeCard(step.reader)) ? 'removed' : 'was-empty';
    case 'insert-card':
      return (await world.insertCard(step.reader)) ? 'inserted' : 'was-in';
    case 'card-reset':
      world.cards[step.reader].reset();
      return 'card-reset';
    case 'slow-reset':
      world.slowNextReset(step.reader);
      return 'slow-reset';
    case 'restart-service':
      await world.restartService();
      return 'restarted';
    default:
      break;
  }
  const app = apps[step.app];
  const driver = world.apps[step.app];
  if (!app || !driver) return 'no-such-app';
  switch (step.op) {
    case 'establish': {
      const outcome = await driver.establishContext();
      if (!outcome.ok) return codeText(outcome.rc);
      app.context = outcome.value;
      app.contexts.push(outcome.value);
      return 'OK';
    }
    case 'release':
      return codeText(await driver.releaseContext(app.context));
    case 'release-then': {
      const released = codeText(await driver.releaseContext(app.context));
      return `${released}, then ${await runStep(world, apps, step.next, counterBase)}`;
    }
    case 'list': {
      const outcome = await driver.listReaders(app.context);
      return outcome.ok ? `OK ${outcome.value.filter((name) => world.readers.includes(name)).length}` : codeText(outcome.rc);
    }
    case 'connect': {
      const outcome = await driver.connect(app.context, world.readers[step.reader], SHARE[step.share], PROTOCOLS[step.protocols]);
      if (!outcome.ok) return codeText(outcome.rc);
      app.handles.push({ id: outcome.value.handle, protocol: outcome.value.protocol });
      return `OK h${app.handles.length - 1} p${outcome.value.protocol}`;
    }
    case 'wait': {
      const reader = world.readers[step.reader];
      const outcome = await driver.getStatusChange(app.context, [{ reader, currentState: app.known[step.reader] }], step.timeoutMs);
      if (!outcome.ok) return codeText(outcome.rc);
      const state = outcome.value[0]?.eventState ?? 0;
      app.known[step.reader] = state & ~k.SCARD_STATE_CHANGED;
      return `OK ${(state & COMPARED_FLAGS).toString(16)} +${counterSince(state, counterBase[step.reader])}`;
    }
    default:
      break;
  }
  const open = pick(app, step.handle);
  if (!open) return 'no-handle';
  switch (step.op) {
    case 'transmit': {
      const outcome = await driver.transmit(open.id, transmitProtocol(open, step.protocol), COMMANDS[step.command]);
      return outcome.ok ? `OK ${hex(outcome.value)}` : codeText(outcome.rc);
    }
    case 'status': {
      const outcome = await driver.status(open.id);
      if (!outcome.ok) return codeText(outcome.rc);
      const { state, protocol, atr, reader } = outcome.value;
      const r = world.readers.indexOf(reader);
      // pcsc-lite's SCardStatus carries the reader's event counter in the upper 16 bits too.
      return `OK r${r} s${(state & 0xffff).toString(16)} +${counterSince(state, counterBase[r])} p${protocol} ${hex(atr)}`;
    }
    case 'reconnect': {
      const outcome = await driver.reconnect(open.id, SHARE[step.share], PROTOCOLS[step.protocols], DISPOSITION[step.initialization]);
      if (!outcome.ok) return codeText(outcome.rc);
      open.protocol = outcome.value;
      return `OK p${outcome.value}`;
    }
    case 'disconnect':
      return codeText(await driver.disconnect(open.id, DISPOSITION[step.disposition]));
    case 'begin':
      return codeText(await driver.beginTransaction(open.id));
    case 'end':
      return codeText(await driver.endTransaction(open.id, DISPOSITION[step.disposition]));
  }
}
