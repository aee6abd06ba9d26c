// Node port of connection_attrib.py, line for line. Harness additions: the driver the test names
// (configure) and shutdown() at the end.
import { configure, print, readers, shutdown, SCARD_ATTR_ATR_STRING, SCARD_ATTR_VENDOR_NAME } from '../../src/pyscard';
import { describeError, parityDriver } from './script-io';

const TAG_IFD_SLOTS_NUMBER = 0x0fae; // ifdhandler.h

async function main(): Promise<void> {
  await configure({ driver: parityDriver() });
  const connection = (await readers())[0]!.createConnection();
  await connection.connect();
  for (const attribute of [TAG_IFD_SLOTS_NUMBER, SCARD_ATTR_ATR_STRING, SCARD_ATTR_VENDOR_NAME]) {
    try {
      print(attribute, await connection.getAttrib(attribute));
    } catch (e) {
      print(attribute, describeError(e));
    }
  }
  await connection.disconnect();
  await shutdown();
}

void main();
