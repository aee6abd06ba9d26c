#! /usr/bin/env python3
# The reset program from the "SCARD_W_RESET_CARD not returned by SCardTransmit()" report: connect
# and disconnect with SCARD_RESET_CARD, which resets the card under the looping program.
from smartcard.System import readers
from smartcard.scard import SCARD_RESET_CARD

try:
    reader = readers()[0]
    print("Using:", reader)

    connection = reader.createConnection()
    connection.connect(disposition=SCARD_RESET_CARD)
    connection.disconnect()
except Exception as e:
    print("%s: %s" % (type(e).__name__, e))
