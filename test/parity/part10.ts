// Node port of part10.py, line for line.
import {
  configure,
  print,
  shutdown,
  readers,
  CM_IOCTL_GET_FEATURE_REQUEST,
  FEATURE_ABORT,
  FEATURE_VERIFY_PIN_DIRECT,
  getFeatureRequest,
  getPinProperties,
  getTlvProperties,
  hasFeature,
  parseFeatureRequest,
  parseTlvProperties,
  type CardConnection,
} from '../../src/pyscard';
import { describeError } from './script-io';

async function main(): Promise<void> {
  // The 'smartcard' binding reports SCARD_E_UNSUPPORTED_FEATURE only as "Unknown PC/SC error";
  // 'pcsclite' keeps the code, so the exception reads as PySCard's.
  await configure({ driver: 'pcsclite' });
  const connection = (await readers())[0]!.createConnection();
  await connection.connect();
  print(CM_IOCTL_GET_FEATURE_REQUEST);
  const calls: Array<[string, (c: CardConnection) => Promise<unknown>]> = [
    ['features', getFeatureRequest],
    ['pin', getPinProperties],
    ['tlv', getTlvProperties],
  ];
  for (const [name, call] of calls) {
    try {
      print(name, await call(connection));
    } catch (e) {
      print(name, describeError(e));
    }
  }
  print('pin without features', await getPinProperties(connection, []));

  const features = parseFeatureRequest([
    0x06, 4, 0x42, 0x33, 0x00, 0x06, 0x0a, 4, 0x42, 0x33, 0x00, 0x0a, 0x99, 4, 0, 0, 0, 1, 0x12, 4, 0x42, 0x33, 0x00, 0x12,
  ]);
  print(features);
  print(hasFeature(features, FEATURE_VERIFY_PIN_DIRECT), hasFeature(features, 'FEATURE_GET_TLV_PROPERTIES'), hasFeature(features, FEATURE_ABORT));
  print(
    parseTlvProperties([
      1, 2, 0x40, 0x00, 2, 1, 0x07, 6, 1, 4, 7, 1, 8, 8, 4, 0x41, 0x42, 0x43, 0x44, 0x0a, 4, 0x00, 0x01, 0x00, 0x00, 0x0b, 2, 0xe6, 0x08, 0x20, 1, 5,
    ]),
  );
  await connection.disconnect();
  await shutdown();
}

void main();
