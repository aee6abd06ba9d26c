#! /usr/bin/env python3
# Prints, as JSON, the PySCard 2.0.5 texts and values the Node facade must reproduce exactly:
# smartcard.scard constants, SCardGetErrorMessage, exception messages, smartcard.util results and
# every status word exception the error checkers raise.
import contextlib
import io
import json

import smartcard.scard as scard
from smartcard import Exceptions
from smartcard.ATR import ATR
from smartcard.pcsc import PCSCExceptions
from smartcard.util import (COMMA, HEX, PACK, UPPERCASE, BinStringToHexList, HexListToBinString, padd,
                            toASCIIBytes, toASCIIString, toBytes, toGSM3_38Bytes, toHexString)
from smartcard.sw.ISO7816_4ErrorChecker import ISO7816_4ErrorChecker
from smartcard.sw.ISO7816_4_SW1ErrorChecker import ISO7816_4_SW1ErrorChecker
from smartcard.sw.ISO7816_8ErrorChecker import ISO7816_8ErrorChecker
from smartcard.sw.ISO7816_9ErrorChecker import ISO7816_9ErrorChecker
from smartcard.sw.op21_ErrorChecker import op21_ErrorChecker

constants = {name: getattr(scard, name) for name in dir(scard)
             if not name.startswith('_') and isinstance(getattr(scard, name), int)}

codes = sorted({value for name, value in constants.items()
                if name.startswith(('SCARD_E_', 'SCARD_W_', 'SCARD_F_', 'SCARD_P_', 'SCARD_S_'))} | {0x80100099})
error_messages = {str(code): scard.SCardGetErrorMessage(code) for code in codes}

exceptions = {
    'SmartcardException': str(Exceptions.SmartcardException('plain')),
    'SmartcardExceptionHresult': str(Exceptions.SmartcardException('with code', scard.SCARD_E_NO_SERVICE)),
    'CardConnectionException': str(Exceptions.CardConnectionException('Card not connected')),
    'CardRequestTimeoutException': str(Exceptions.CardRequestTimeoutException()),
    'InvalidATRMaskLengthException': str(Exceptions.InvalidATRMaskLengthException('FF FF')),
    'InvalidReaderException': str(Exceptions.InvalidReaderException('Nope 00 00')),
    'ListReadersException': str(Exceptions.ListReadersException(scard.SCARD_E_NO_SERVICE)),
    'NoCardException': str(Exceptions.NoCardException('Unable to connect', scard.SCARD_E_NO_SMARTCARD)),
    'NoCardExceptionRemoved': str(Exceptions.NoCardException('Unable to reconnect', scard.SCARD_W_REMOVED_CARD)),
    'NoReadersException': str(Exceptions.NoReadersException()),
    'EstablishContextException': str(PCSCExceptions.EstablishContextException(scard.SCARD_E_NO_SERVICE)),
}

values = [0x3B, 0x65, 0x00, 0x00, 0x9C, 0x11, 0x01, 0x01, 0x03]
util = {
    'toHexString': {str(flags): toHexString(values, flags) for flags in range(16)},
    'toHexStringEmpty': toHexString([]),
    'toBytes': [toBytes('3B 65 00 00 9C 11 01 01 03'), toBytes('3B6500009C11010103'), toBytes('3B6500   009C1101  0103'),
                toBytes('3b\t65\n00'), toBytes('3B6')],
    'toASCIIString': toASCIIString(list(range(0, 256))),
    'toASCIIBytes': toASCIIBytes('Number 101'),
    'toGSM3_38Bytes': toGSM3_38Bytes('@\u00f9Pascal \u00e9t\u00e9 \u00bf\u00e0!'),
    'padd': [padd([59, 101, 0], 6), padd([59, 101, 0], 5, '80'), padd([59, 101, 0], 2)],
    'HexListToBinString': HexListToBinString([78, 117, 109, 98, 101, 114]),
    'BinStringToHexList': BinStringToHexList('Number'),
}

checkers = {
    'ISO7816_4ErrorChecker': ISO7816_4ErrorChecker(),
    'ISO7816_4_SW1ErrorChecker': ISO7816_4_SW1ErrorChecker(),
    'ISO7816_8ErrorChecker': ISO7816_8ErrorChecker(),
    'ISO7816_9ErrorChecker': ISO7816_9ErrorChecker(),
    'op21_ErrorChecker': op21_ErrorChecker(),
}
sw = {}
for name, checker in checkers.items():
    raised = {}
    for sw1 in list(range(0x60, 0x70)) + [0x90, 0x91, 0x94, 0x9F]:
        for sw2 in range(256):
            try:
                checker([1, 2], sw1, sw2)
            except Exception as e:
                raised['%02X%02X' % (sw1, sw2)] = [type(e).__name__, str(e)]
    sw[name] = raised

ATRS = ['3B 65 00 00 9C 11 01 01 03', '3B 80 80 01 01', '3B 02 14 50', '3F 65 25 08 93 04 6C 90 00',
        '3B E3 00 FF 81 31 52 45 A1 A2 A3 1B', '3B E5 00 00 81 21 45 9C 10 01 00 80 0D', '3B 16 94 7C 03 01 00 00 0D',
        '3B DF 18 FF 81 F1 FE 43 00 3F 03 83 4D 49 46 41 52 45 20 50 6C 75 73 20 53 41 4D 3B']
atrs = {}
for text in ATRS:
    atr = ATR(toBytes(text))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        atr.dump()
    atrs[text] = {
        'str': str(atr), 'TA': atr.TA, 'TB': atr.TB, 'TC': atr.TC, 'TD': atr.TD, 'Y': atr.Y,
        'historicalBytes': atr.getHistoricalBytes(), 'checksum': atr.getChecksum(),
        'checksumOK': getattr(atr, 'checksumOK', None), 'interfaceBytes': atr.getInterfaceBytesCount(),
        'protocols': list(atr.getSupportedProtocols()), 'bitRate': atr.getBitRateFactor(),
        'clockRate': atr.getClockRateConversion(), 'current': atr.getProgrammingCurrent(),
        'voltage': atr.getProgrammingVoltage(), 'guard': atr.getGuardTime(), 'dump': printed.getvalue(),
    }
try:
    ATR([0x3A, 0x00])
    invalid_ts = ''
except Exception as e:
    invalid_ts = str(e)

print(json.dumps({'constants': constants, 'errorMessages': error_messages, 'exceptions': exceptions,
                  'util': util, 'sw': sw, 'atr': atrs, 'invalidTs': invalid_ts}))
