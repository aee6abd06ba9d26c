#! /usr/bin/env python3
# The exclusive program from the "SCardConnect() returns SCARD_E_PROTO_MISMATCH instead of
# SCARD_E_SHARING_VIOLATION" report: hold the card exclusively. Instead of sleeping 10 seconds it
# prints "Holding" and keeps the card until a line arrives on stdin.
import sys

from smartcard.System import readers
from smartcard.scard import SCARD_SHARE_EXCLUSIVE

try:
    reader = readers()[0]
    print("Using:", reader)

    connection = reader.createConnection()
    connection.connect(mode=SCARD_SHARE_EXCLUSIVE)

    print("Holding", flush=True)
    sys.stdin.readline()
except Exception as e:
    print("%s: %s" % (type(e).__name__, e))
