import fc from 'fast-check';

/** Which application (driver instance) a step runs in. */
export type AppIndex = 0 | 1 | 2;
/** Which of the two vpcd slots. */
export type ReaderIndex = 0 | 1;
export type ShareName = 'shared' | 'exclusive' | 'direct';
export type ProtocolName = 'T0' | 'T1' | 'any' | 'raw' | 'none';
export type DispositionName = 'leave' | 'reset' | 'unpower' | 'eject';
export type CommandName = 'select' | 'test' | 'unknown';

/**
 * One port-level step. Handles are named by their position among the handles the application
 * opened (modulo how many it has), so the same step means the same thing on every driver.
 */
export type Step =
  | { readonly op: 'establish'; readonly app: AppIndex }
  | { readonly op: 'release'; readonly app: AppIndex }
  | { readonly op: 'list'; readonly app: AppIndex }
  | { readonly op: 'connect'; readonly app: AppIndex; readonly reader: ReaderIndex; readonly share: ShareName; readonly protocols: ProtocolName }
  | { readonly op: 'transmit'; readonly app: AppIndex; readonly handle: number; readonly command: CommandName }
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

/** Random port-level steps over three applications and two readers, weighted like real use. */
export function stepArbitrary(filter: StepFilter): fc.Arbitrary<Step> {
  const weighted: Array<fc.WeightedArbitrary<Step>> = [
    { weight: 1, arbitrary: fc.record({ op: fc.constant('establish' as const), app }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('release' as const), app }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('list' as const), app }) },
    { weight: 8, arbitrary: fc.record({ op: fc.constant('connect' as const), app, reader, share, protocols }) },
    {
      weight: 8,
      arbitrary: fc.record({ op: fc.constant('transmit' as const), app, handle, command: fc.constantFrom<CommandName>('select', 'test', 'test', 'unknown') }),
    },
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

/** A sequence; a pcscd restart is rare (it costs seconds on the real service). */
export function sequenceArbitrary(filter: StepFilter, maxLength: number): fc.Arbitrary<Step[]> {
  const restart = fc.constant<Step>({ op: 'restart-service' });
  return fc.array(fc.oneof({ weight: 60, arbitrary: stepArbitrary(filter) }, { weight: 1, arbitrary: restart }), { minLength: 1, maxLength, size: 'max' });
}

/** A step as one short line, for divergence reports. */
export function describeStep(step: Step): string {
  const { op, ...rest } = step;
  const args = Object.entries(rest).map(([key, value]) => `${key}=${String(value)}`);
  return `${op}(${args.join(', ')})`;
}
