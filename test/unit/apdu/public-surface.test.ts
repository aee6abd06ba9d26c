import * as apdu from '../../../src/apdu';
import * as atr from '../../../src/atr';

describe('module entry points', () => {
  it('export the APDU toolkit', () => {
    expect(Object.keys(apdu).sort()).toEqual(
      [
        'CommandApdu',
        'DEFAULT_MAX_GET_RESPONSES',
        'GetResponseLimitError',
        'MAX_COMMAND_LENGTH',
        'MIN_COMMAND_LENGTH',
        'ResponseApdu',
        'describeStatusWord',
        'exchangeWithT0Handling',
        'formatHex',
        'formatHexByte',
        'parseHexBytes',
        'toCommandBytes',
      ].sort(),
    );
  });

  it('export the ATR toolkit', () => {
    expect(Object.keys(atr).sort()).toEqual(
      [
        'AtrError',
        'DEFAULT_ATR_LIST_PATH',
        'MAX_ATR_LENGTH',
        'clearAtrListCache',
        'describeAtr',
        'lookupAtr',
        'parseAtr',
        'parseSmartcardList',
        'transmissionParameters',
      ].sort(),
    );
  });
});
