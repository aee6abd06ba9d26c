#! /usr/bin/env python3
# PySCard calls beyond the reports, each printing what a script would see: observer output,
# protocol and ATR, reconnect, errors before connect and on an empty reader, CardRequest.
from smartcard.CardConnection import CardConnection
from smartcard.CardConnectionObserver import ConsoleCardConnectionObserver
from smartcard.CardRequest import CardRequest
from smartcard.CardType import ATRCardType
from smartcard.System import readergroups, readers
from smartcard.util import toBytes, toHexString


def attempt(call):
    try:
        print(call())
    except Exception as e:
        print("%s: %s" % (type(e).__name__, e))


SELECT = toBytes("00 A4 04 00 06 A0 00 00 00 18 FF")
COMMAND = toBytes("80 34 00 0E 0E")

print(readergroups())
card_reader, empty_reader = readers()[0], readers()[1]

connection = card_reader.createConnection()
attempt(lambda: connection.transmit(COMMAND))
attempt(lambda: connection.transmit(COMMAND, CardConnection.T0_protocol))
attempt(lambda: connection.getATR())
print(connection.getProtocol())

observer = ConsoleCardConnectionObserver()
connection.addObserver(observer)
connection.connect()
print(connection.getProtocol(), connection.getReader())
print(toHexString(connection.getATR()))
print(connection.transmit(SELECT))
print(connection.transmit(COMMAND))
connection.reconnect()
print(connection.transmit(COMMAND))
connection.disconnect()
# PySCard disconnects again when the object is garbage collected; keep that out of the output.
connection.deleteObserver(observer)

attempt(lambda: empty_reader.createConnection().connect())

attempt(lambda: CardRequest(timeout=0.3, cardType=ATRCardType(toBytes("3B 00"))).waitforcard())
service = CardRequest(timeout=1).waitforcard()
print(service.connection.getReader())
print(CardRequest(timeout=1).waitforcardevent())
