import fc from 'fast-check';

/** Which application (driver instance) a step runs in. */
export type AppIndex = 0 | 1 | 2;
/** Which of the two vpcd slots. */
export type ReaderIndex = 0 | 1;
export type ShareName = 'shared' | 'exclusive' | 'direct';
export type ProtocolName = 'T0' | 'T1' | 'any' | 'raw' | 'none';
export type DispositionName = 'leave' | 'reset' | 'unpower' | 'eject';
export type CommandName = 'select' | 'test' | 'unknown';
/** The protocol a transmit names: the handle's own (as connect or reconnect reported it), or another one. */
export type TransmitProtocol = 'own' | Exclude<ProtocolName, 'any'>;

/** A step another application takes the moment a release resolves (see the 'release-then' step). */
export type FollowUp =
  | { readonly op: 'connect'; readonly app: AppIndex; readonly reader: ReaderIndex; readonly share: ShareName; readonly protocols: ProtocolName }
  | { readonly op: 'wait'; readonly app: AppIndex; readonly reader: ReaderIndex; readonly timeoutMs: 0 };

/**
 * One port-level step. Handles are named by their position among the handles the application
 * opened (modulo how many it has; -1 is the latest), so the same step means the same thing on
 * every driver.
 */
export type Step =
  | { readonly op: 'establish'; readonly app: AppIndex }
  | { readonly op: 'release'; readonly app: AppIndex }
  /**
   * A release, and the moment it resolves another call, with no pause between them: what the
   * release promised (its handles ended, a locked card reset) must be done by then. As two steps
   * the service's idle power-down would run in between and hide a card left as it was.
   */
  | { readonly op: 'release-then'; readonly app: AppIndex; readonly next: FollowUp }
  | { readonly op: 'list'; readonly app: AppIndex }
  | { readonly op: 'connect'; readonly app: AppIndex; readonly reader: ReaderIndex; readonly share: ShareName; readonly protocols: ProtocolName }
  | { readonly op: 'transmit'; readonly app: AppIndex; readonly handle: number; readonly command: CommandName; readonly protocol?: TransmitProtocol }
  | { readonly op: 'status'; readonly app: AppIndex; readonly handle: number }
  | {
      readonly op: 'reconnect';
      readonly app: AppIndex;
      readonly handle: number;
      readonly share: ShareName;
      readonly protocols: ProtocolName;
      readonly initialization: Exclude<DispositionName, 'eject'>;
    }
  | { readonly op: 'disconnect'; readonly app: AppIndex; readonly handle: number; readonly disposition: DispositionName }
  | { readonly op: 'begin'; readonly app: AppIndex; readonly handle: number }
  | { readonly op: 'end'; readonly app: AppIndex; readonly handle: number; readonly disposition: DispositionName }
  | { readonly op: 'wait'; readonly app: AppIndex; readonly reader: ReaderIndex; readonly timeoutMs: 0 | 50 }
  | { readonly op: 'remove-card'; readonly reader: ReaderIndex }
  | { readonly op: 'insert-card'; readonly reader: ReaderIndex }
  | { readonly op: 'card-reset'; readonly reader: ReaderIndex }
  /**
   * The card takes long over its next reset by the service (see ContractWorld.slowNextReset): a
   * fixed scenario's way to hold pcscd inside a reset. Not drawn by the random run.
   */
  | { readonly op: 'slow-reset'; readonly reader: ReaderIndex }
  | { readonly op: 'restart-service' };

/** What a driver lacks decides which steps a sequence may hold; a missing call is checked by the fixed scenarios. */
export interface StepFilter {
  readonly status: boolean;
  readonly reconnect: boolean;
  readonly transactions: boolean;
}

const app = fc.constantFrom<AppIndex>(0, 1, 2);
const reader = fc.constantFrom<ReaderIndex>(0, 1);
const handle = fc.nat({ max: 3 });
const share = fc.constantFrom<ShareName>('shared', 'exclusive', 'direct');
const protocols = fc.constantFrom<ProtocolName>('T0', 'T1', 'any', 'raw', 'none');
const disposition = fc.constantFrom<DispositionName>('leave', 'reset', 'unpower', 'eject');
/** Mostly the handle's own protocol; else 0 (a 'direct' handle's), RAW, or T=0 / T=1 whatever the handle has. */
const transmitProtocol = fc.constantFrom<TransmitProtocol>('own', 'own', 'own', 'own', 'none', 'raw', 'T0', 'T1');
const followUp: fc.Arbitrary<FollowUp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('connect' as const), app, reader, share, protocols }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('wait' as const), app, reader, timeoutMs: fc.constant(0 as const) }) },
);

/** Random port-level steps over three applications and two readers, weighted like real use. */
export function stepArbitrary(filter: StepFilter): fc.Arbitrary<Step> {
  const weighted: Array<fc.WeightedArbitrary<Step>> = [
    { weight: 1, arbitrary: fc.record({ op: fc.constant('establish' as const), app }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('release' as const), app }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('list' as const), app }) },
    { weight: 8, arbitrary: fc.record({ op: fc.constant('connect' as const), app, reader, share, protocols }) },
    {
      weight: 8,
      arbitrary: fc.record({
        op: fc.constant('transmit' as const),
        app,
        handle,
        command: fc.constantFrom<CommandName>('select', 'test', 'test', 'unknown'),
        protocol: transmitProtocol,
      }),
    },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('release-then' as const), app, next: followUp }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('disconnect' as const), app, handle, disposition }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('wait' as const), app, reader, timeoutMs: fc.constantFrom<0 | 50>(0, 50) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('remove-card' as const), reader }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('insert-card' as const), reader }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('card-reset' as const), reader }) },
  ];
  if (filter.status) weighted.push({ weight: 3, arbitrary: fc.record({ op: fc.constant('status' as const), app, handle }) });
  if (filter.reconnect) {
    const initialization = fc.constantFrom<Exclude<DispositionName, 'eject'>>('leave', 'reset', 'unpower');
    weighted.push({ weight: 4, arbitrary: fc.record({ op: fc.constant('reconnect' as const), app, handle, share, protocols, initialization }) });
  }
  if (filter.transactions) {
    weighted.push({ weight: 2, arbitrary: fc.record({ op: fc.constant('begin' as const), app, handle }) });
    weighted.push({ weight: 2, arbitrary: fc.record({ op: fc.constant('end' as const), app, handle, disposition }) });
  }
  return fc.oneof(...weighted);
}

/**
 * Steps that belong together and would seldom meet by chance: an exclusive connection made
 * shared by a reconnect (pcscd keeps its lock, so releasing its context still resets the card).
 */
function fragmentArbitrary(filter: StepFilter): fc.Arbitrary<Step[]> {
  if (!filter.reconnect) return fc.constant([]);
  return fc
    .record({ app, reader, protocols, initialization: fc.constantFrom<Exclude<DispositionName, 'eject'>>('leave', 'reset') })
    .map(({ app: owner, reader: slot, protocols: wanted, initialization }): Step[] => [
      { op: 'connect', app: owner, reader: slot, share: 'exclusive', protocols: wanted },
      { op: 'reconnect', app: owner, handle: -1, share: 'shared', protocols: wanted, initialization },
    ]);
}

/** A sequence; a pcscd restart is rare (it costs seconds on the real service). */
export function sequenceArbitrary(filter: StepFilter, maxLength: number): fc.Arbitrary<Step[]> {
  const restart = fc.constant<Step[]>([{ op: 'restart-service' }]);
  const single = stepArbitrary(filter).map((step) => [step]);
  const pieces = fc.oneof({ weight: 60, arbitrary: single }, { weight: 8, arbitrary: fragmentArbitrary(filter) }, { weight: 1, arbitrary: restart });
  return fc
    .array(pieces, { minLength: 1, maxLength, size: 'max' })
    .map((parts) => parts.flat().slice(0, maxLength))
    .filter((steps) => steps.length > 0);
}

/** A step as one short line, for divergence reports. */
export function describeStep(step: Step | FollowUp): string {
  const { op, ...rest } = step;
  const args = Object.entries(rest).map(([key, value]) => `${key}=${typeof value === 'object' ? describeStep(value as FollowUp) : String(value)}`);
  return `${op}(${args.join(', ')})`;
}
