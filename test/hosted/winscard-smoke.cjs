'use strict';
// The 'winscard' driver on this machine's own PC/SC library, on a hosted CI runner without readers:
//   Windows: the Smart Card service is stopped -> a typed NoServiceError whose advice says how to start it;
//   macOS:   PCSC.framework answers, with an empty reader list;
//   Linux:   pcscd (socket-activated) answers, with an empty reader list.
// Uses the built package (dist/). Run by .github/workflows/hosted-ci.yml.
const { Pcsc, NoServiceError } = require('../../dist/index.js');

async function main() {
  let pcsc;
  try {
    pcsc = await Pcsc.open({ driver: 'winscard', requireService: true });
  } catch (error) {
    if (process.platform === 'win32' && error instanceof NoServiceError) {
      if (!/SCardSvr|Smart Card/.test(error.message)) throw new Error(`NoServiceError without advice: ${error.message}`);
      console.log(`winscard smoke: Windows without a running Smart Card service answers ${error.name}: ${error.message}`);
      return;
    }
    throw error;
  }
  try {
    if (process.platform === 'win32') {
      console.log('winscard smoke: the Smart Card service is running on this Windows machine');
    }
    const readers = await pcsc.listReaders();
    console.log(`winscard smoke: ${process.platform}, readers: ${JSON.stringify(readers.map((reader) => reader.name))}`);
    if (process.platform !== 'win32' && readers.length !== 0) throw new Error('a hosted runner has no readers');
  } finally {
    await pcsc.close();
  }
}

main().catch((error) => {
  console.error(`winscard smoke: failed: ${error && error.stack}`);
  process.exit(1);
});
