import { PcscliteDriver } from '../driver/adapters/pcsclite/pcsclite-driver';
import { SmartcardDriver } from '../driver/adapters/smartcard/smartcard-driver';
import { DriverUnavailableError } from '../driver/driver-unavailable-error';
import type { PcscDriver } from '../driver/pcsc-driver';

export type DriverChoice = 'auto' | 'pcsclite' | 'smartcard' | PcscDriver;

/** The driver an application asked for; 'auto' takes pcsclite, then smartcard. */
export function selectDriver(choice: DriverChoice): PcscDriver {
  if (typeof choice === 'object' && choice !== null) return choice;
  if (choice === 'pcsclite') return new PcscliteDriver();
  if (choice === 'smartcard') return new SmartcardDriver();
  if (choice !== 'auto') {
    throw new DriverUnavailableError(String(choice), `Unknown driver ${JSON.stringify(choice)}; use 'auto', 'pcsclite', 'smartcard' or a PcscDriver.`);
  }
  try {
    return new PcscliteDriver();
  } catch (pcscliteError) {
    try {
      return new SmartcardDriver();
    } catch {
      throw pcscliteError;
    }
  }
}
