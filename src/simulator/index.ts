export { SimulatedPcsc } from './simulated-pcsc';
export { SimulatedProcessCrash } from './client/simulated-driver';
export type { SimulatedPcscOptions, SimulatedDriverOptions, StopServiceOptions } from './simulated-pcsc';
export type { SimulatedReaderSlot } from './simulated-reader-slot';
export type { SimulatedReaderOptions, ReaderControlHandler } from './service/physical-reader';
export type { UsbIdentity } from './service/pinpad-reader';
export { SIMULATOR_PERSONALITIES, personalityForRelease, resolvePersonality } from './personality/personality-registry';
export type { PersonalityName } from './personality/personality-registry';
export type { SimulatorPersonality, SimulatedBugs, SimulatedCodeBugs } from './personality/simulator-personality';
