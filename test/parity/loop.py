#! /usr/bin/env python3
# The looping program from the "SCARD_W_RESET_CARD not returned by SCardTransmit()" report, in
# Python 3: list the readers, SELECT the test applet, then send 80 34 00 0E 0E COUNT times.
# With PAUSE_AFTER it prints "Waiting" after that many commands and reads a line from stdin first.
import sys

from smartcard.System import readers
from smartcard.util import toBytes

SELECT = toBytes("00 A4 04 00 06 A0 00 00 00 18 FF")
COMMAND = toBytes("80 34 00 0E 0E")

count = int(sys.argv[1]) if len(sys.argv) > 1 else 3
pause_after = int(sys.argv[2]) if len(sys.argv) > 2 else -1

try:
    print(readers())
    reader = readers()[0]
    print("Using:", reader)

    connection = reader.createConnection()
    connection.connect()

    data, sw1, sw2 = connection.transmit(SELECT)
    print("Select: %02X %02X" % (sw1, sw2))

    for i in range(count):
        if i == pause_after:
            print("Waiting", flush=True)
            sys.stdin.readline()
        data, sw1, sw2 = connection.transmit(COMMAND)
        print(data)
        print("Command: %02X %02X" % (sw1, sw2))
except Exception as e:
    print("%s: %s" % (type(e).__name__, e))
