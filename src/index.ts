export * from './core/errors';
export { CommandApdu, toCommandBytes } from './apdu/command-apdu';
export type { ApduInput } from './apdu/command-apdu';
export { ResponseApdu } from './apdu/response-apdu';
export type { PcscDriver, DriverCapabilities, DriverPlatform, Outcome } from './driver/pcsc-driver';
