export { VirtualCard } from './virtual-card';
export type { VirtualCardOptions, CardAnswer, CardLogEntry } from './virtual-card';
export { VPCD_DEFAULT_HOST, VPCD_DEFAULT_PORT } from './vpcd-link';
export type { VpcdAttachment, VpcdCard, VpcdLinkOptions } from './vpcd-link';
export { seedTestApplet, SEED_TEST_APPLET_AID } from './sample-cards';
export { SimulatedPcsc, SimulatedProcessCrash, SIMULATOR_PERSONALITIES, resolvePersonality } from '../simulator';
export type {
  SimulatedReaderSlot,
  SimulatedPcscOptions,
  SimulatedDriverOptions,
  StopServiceOptions,
  SimulatedReaderOptions,
  ReaderControlHandler,
  UsbIdentity,
  PersonalityName,
  SimulatorPersonality,
  SimulatedBugs,
  SimulatedCodeBugs,
  SimulatedCard,
} from '../simulator';
export * from './nfc';
