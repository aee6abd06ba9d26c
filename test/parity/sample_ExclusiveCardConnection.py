#! /usr/bin/env python3
# PySCard's framework sample sample_ExclusiveCardConnection.py, statement for statement: wait for
# any card, trace the connection on the console, connect through both exclusive decorators, and
# select DF_TELECOM between lock() and unlock().
from smartcard.CardType import AnyCardType
from smartcard.CardRequest import CardRequest
from smartcard.CardConnectionObserver import ConsoleCardConnectionObserver
from smartcard.util import toHexString

from smartcard.ExclusiveConnectCardConnection import \
    ExclusiveConnectCardConnection
from smartcard.ExclusiveTransmitCardConnection import \
    ExclusiveTransmitCardConnection


GET_RESPONSE = [0XA0, 0XC0, 00, 00]
SELECT = [0xA0, 0xA4, 0x00, 0x00, 0x02]
DF_TELECOM = [0x7F, 0x10]

cardtype = AnyCardType()
cardrequest = CardRequest(timeout=5, cardType=cardtype)
cardservice = cardrequest.waitforcard()

observer = ConsoleCardConnectionObserver()
cardservice.connection.addObserver(observer)

cardservice.connection = ExclusiveTransmitCardConnection(
    ExclusiveConnectCardConnection(cardservice.connection))

cardservice.connection.connect()

print('ATR', toHexString(cardservice.connection.getATR()))

try:
    cardservice.connection.lock()

    apdu = SELECT + DF_TELECOM
    response, sw1, sw2 = cardservice.connection.transmit(apdu)

    if sw1 == 0x9F:
        apdu = GET_RESPONSE + [sw2]
        response, sw1, sw2 = cardservice.connection.transmit(apdu)
finally:
    cardservice.connection.unlock()

import sys
if 'win32' == sys.platform:
    print('press Enter to continue')
    sys.stdin.read(1)
