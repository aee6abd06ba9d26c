import { EXTENDED_RESPONSE_MAX } from '../../../../src/driver/receive-length';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_ANY, SCARD_SHARE_DIRECT } from '../../../../src/driver/scard-constants';
import { seedTestApplet } from '../../../../src/testing/sample-cards';
import { longAnswerCard, replacementCard, valueOf } from '../../../fixtures/seed';
import type { QuirkScenario } from './quirk-scenario';
import { codeName, contextOf } from './quirk-world';

const READER = 'Gemalto PC Twin Reader';
const READ_BINARY = Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00);

export const transmitTruncatesResponse: QuirkScenario = {
  personality: 'darwin-16',
  async run(world) {
    const reader = world.reader(READER, longAnswerCard());
    const app = await world.connectedApp(reader);
    const describe = async (receiveLength?: number): Promise<string> => {
      const outcome = await app.driver.transmit(app.handle, app.protocol, READ_BINARY, receiveLength);
      return outcome.value === undefined ? codeName(outcome.rc) : `${outcome.value.length} bytes`;
    };
    return `300-byte answer, default buffer: ${await describe()}; largest buffer: ${await describe(EXTENDED_RESPONSE_MAX)}`;
  },
  expected: {
    'pcsc-lite': '300-byte answer, default buffer: SCARD_E_INSUFFICIENT_BUFFER; largest buffer: 302 bytes',
    unpatched: '300-byte answer, default buffer: 258 bytes; largest buffer: 302 bytes',
    quirked: '300-byte answer, default buffer: SCARD_E_INSUFFICIENT_BUFFER; largest buffer: 302 bytes',
  },
};

export const transmitResetForRemoved: QuirkScenario = {
  personality: 'darwin-17',
  async run(world) {
    const slot = world.sim.addReader(READER);
    slot.insert(seedTestApplet());
    const app = await world.connectedApp(slot.name);
    slot.remove();
    slot.insert(replacementCard());
    const outcome = await app.driver.transmit(app.handle, app.protocol, Uint8Array.of(0x00, 0xa4, 0x04, 0x00));
    return `SCardTransmit after the card was swapped: ${codeName(outcome.rc)}`;
  },
  expected: {
    'pcsc-lite': 'SCardTransmit after the card was swapped: SCARD_W_REMOVED_CARD',
    unpatched: 'SCardTransmit after the card was swapped: SCARD_W_RESET_CARD',
    quirked: 'SCardTransmit after the card was swapped: SCARD_W_REMOVED_CARD',
  },
};

export const endTransactionResetForRemoved: QuirkScenario = {
  personality: 'darwin-17',
  async run(world) {
    const slot = world.sim.addReader(READER);
    slot.insert(seedTestApplet());
    const app = await world.connectedApp(slot.name);
    const begun = codeName(await app.driver.beginTransaction(app.handle));
    slot.remove();
    slot.insert(replacementCard());
    return `transaction ${begun}; SCardEndTransaction after the card was swapped: ${codeName(await app.driver.endTransaction(app.handle, SCARD_LEAVE_CARD))}`;
  },
  expected: {
    'pcsc-lite': 'transaction SCARD_S_SUCCESS; SCardEndTransaction after the card was swapped: SCARD_W_REMOVED_CARD',
    unpatched: 'transaction SCARD_S_SUCCESS; SCardEndTransaction after the card was swapped: SCARD_W_RESET_CARD',
    quirked: 'transaction SCARD_S_SUCCESS; SCardEndTransaction after the card was swapped: SCARD_W_REMOVED_CARD',
  },
};

export const controlNotTransacted: QuirkScenario = {
  personality: 'darwin-23',
  async run(world) {
    const reader = world.sim.addReader(READER, { control: () => Uint8Array.of() }).name;
    const driver = world.wrap();
    const context = await contextOf(driver);
    const connected = await driver.connect(context, reader, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_ANY);
    const outcome = await driver.control(valueOf(connected).handle, 0x42000d48, new Uint8Array(0));
    return `SCardControl(GET_FEATURE_REQUEST): ${codeName(outcome.rc)}; explained: ${world.notices.join(',') || 'no'}`;
  },
  expected: {
    'pcsc-lite': 'SCardControl(GET_FEATURE_REQUEST): SCARD_S_SUCCESS; explained: no',
    unpatched: 'SCardControl(GET_FEATURE_REQUEST): SCARD_E_NOT_TRANSACTED; explained: no',
    quirked: 'SCardControl(GET_FEATURE_REQUEST): SCARD_E_NOT_TRANSACTED; explained: control-not-transacted',
  },
};
