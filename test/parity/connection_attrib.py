#! /usr/bin/env python3
# CardConnection.getAttrib through PySCard's high-level API: a reader driver's own tag, which vpcd
# answers, and attributes it lacks; each line the value or the exception.
from smartcard.System import readers
from smartcard.scard import SCARD_ATTR_ATR_STRING, SCARD_ATTR_VENDOR_NAME

TAG_IFD_SLOTS_NUMBER = 0x0FAE  # ifdhandler.h

connection = readers()[0].createConnection()
connection.connect()
for attribute in (TAG_IFD_SLOTS_NUMBER, SCARD_ATTR_ATR_STRING, SCARD_ATTR_VENDOR_NAME):
    try:
        print(attribute, connection.getAttrib(attribute))
    except Exception as e:
        print(attribute, "%s: %s" % (type(e).__name__, e))
connection.disconnect()
