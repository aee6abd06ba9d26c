'use strict';
// The Windows suite: run by test/wine/run.sh with the Windows node.exe under Wine (or on a real
// Windows machine with vpcd and the Linux side elsewhere), against the packed package.
const { run } = require('./windows/runner.cjs');
const control = require('./windows/control.cjs');
const { wineVersion } = require('./windows/wine-detect.cjs');

async function main() {
  const wine = wineVersion();
  console.log(
    `windows suite: node ${process.version} on ${process.platform} ${require('node:os').release()}` +
      (wine ? `, under Wine ${wine}: where Wine passes pcsc-lite's numbers through, Wine's are expected` : ''),
  );
  await control.connect();
  require('./windows/port-calls.cjs').register(Boolean(wine));
  require('./windows/core-api.cjs').register(Boolean(wine));
  const passed = await run();
  control.close();
  process.exitCode = passed ? 0 : 1;
}

main().catch((error) => {
  console.log(`windows suite: ${error && error.stack}`);
  console.log('wine: 0 passed, 1 failed');
  process.exitCode = 1;
});
