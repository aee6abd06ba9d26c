'use strict';
// Whether this Windows process runs under Wine: Wine's ntdll.dll exports wine_get_version, and
// Windows' does not. Checks that depend on numbers Wine passes through from pcsc-lite use it.
const koffi = require('koffi');

function wineVersion() {
  try {
    const ntdll = koffi.load('ntdll.dll');
    return ntdll.func('const char *wine_get_version()')();
  } catch {
    return undefined;
  }
}

module.exports = { wineVersion };
