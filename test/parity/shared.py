#! /usr/bin/env python3
# The shared program from the same report: connect with PySCard's default (shared) mode.
from smartcard.System import readers

try:
    reader = readers()[0]
    print("Using:", reader)

    connection = reader.createConnection()
    connection.connect()
    print("Connected")
except Exception as e:
    print("%s: %s" % (type(e).__name__, e))
