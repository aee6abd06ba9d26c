export { QUIRKS, quirksFor } from './registry';
export type { QuirkEntry, QuirkId, WorkaroundId } from './registry';
export { resolveQuirkProfile, darwinMajorOf, WORKAROUND_IDS } from './quirk-profile';
export type { QuirkProfile, QuirksOption, WorkaroundSwitches } from './quirk-profile';
export { withQuirks } from './apply-quirks';
export { isCt700 } from './workarounds/known-bad-reader';
export { guardSignalFor } from './guard-signal';
export type { GuardSignal, GuardConfidence, GuardSignalChoice } from './guard-signal';
