import { eventCounterOf } from '../../driver/reader-state-compare';
import type { ReaderInfo } from '../reader-info';
import type { CardRemovedReason } from '../pcsc-events';

export type ReaderChange =
  | { readonly type: 'reader-attached'; readonly reader: ReaderInfo }
  | { readonly type: 'reader-detached'; readonly reader: { name: string } }
  | { readonly type: 'card-inserted'; readonly reader: ReaderInfo }
  | { readonly type: 'card-removed'; readonly reader: ReaderInfo; readonly reason: CardRemovedReason };

function hasCard(reader: ReaderInfo): boolean {
  return reader.atr !== undefined;
}

/**
 * The events that turn `before` into `after`. A card swapped between two looks (counter moved
 * by two or more, or another ATR) is a removal followed by an insertion.
 */
export function diffReaders(
  before: ReadonlyMap<string, ReaderInfo>,
  after: ReadonlyMap<string, ReaderInfo>,
  options: { readonly serviceRestarted?: boolean } = {},
): ReaderChange[] {
  // A new daemon powers every card anew: a card seen before and after it counts as re-inserted.
  const swapped = options.serviceRestarted ? bothHoldCards : swappedBetween;
  const changes: ReaderChange[] = [];
  for (const [name, old] of before) {
    if (after.has(name)) continue;
    if (hasCard(old)) changes.push({ type: 'card-removed', reader: { ...old, state: 'empty', atr: undefined }, reason: 'reader-detached' });
    changes.push({ type: 'reader-detached', reader: { name } });
  }
  for (const [name, now] of after) {
    const old = before.get(name);
    if (!old) {
      changes.push({ type: 'reader-attached', reader: now });
      if (hasCard(now)) changes.push({ type: 'card-inserted', reader: now });
      continue;
    }
    if (hasCard(old) && (!hasCard(now) || swapped(old, now))) changes.push({ type: 'card-removed', reader: now, reason: removalReason(now, options) });
    if (hasCard(now) && (!hasCard(old) || swapped(old, now))) changes.push({ type: 'card-inserted', reader: now });
  }
  return changes;
}

/** Why a card seen before counts as removed, the reader staying: see CardRemovedReason. */
function removalReason(now: ReaderInfo, options: { readonly serviceRestarted?: boolean }): CardRemovedReason {
  if (!hasCard(now)) return 'removed';
  return options.serviceRestarted ? 'service-restarted' : 'replaced';
}

function bothHoldCards(old: ReaderInfo, now: ReaderInfo): boolean {
  return hasCard(old) && hasCard(now);
}

function swappedBetween(old: ReaderInfo, now: ReaderInfo): boolean {
  if (!hasCard(old) || !hasCard(now)) return false;
  const counterStep = (eventCounterOf(now.eventState) - eventCounterOf(old.eventState) + 0x10000) & 0xffff;
  if (counterStep >= 2) return true;
  return !sameAtr(old.atr, now.atr);
}

/** Whether two ATRs (undefined: no card) are the same bytes. */
export function sameAtr(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
