"""PySCard driving the seed test applet in several readers at once, from threads or processes.

threads READER... COUNT: one process, a thread per reader; prints {"apduPerSecond": ...} for all.
worker READER COUNT: one reader; prints "ready" once connected, waits for a line on stdin, sends
COUNT commands and prints {"start": ..., "end": ...} (time.time()), so the parent can time all
workers together from the first start to the last end.
"""
import json
import sys
import threading
import time

from smartcard.System import readers
from smartcard.scard import SCARD_LEAVE_CARD

SELECT = [0x00, 0xA4, 0x04, 0x00, 0x06, 0xA0, 0x00, 0x00, 0x00, 0x18, 0xFF]
TEST = [0x80, 0x34, 0x00, 0x0E, 0x0E]


def connect(reader_name):
    reader = next((r for r in readers() if str(r) == reader_name), None)
    if reader is None:
        raise SystemExit("PySCard does not list reader %r" % reader_name)
    connection = reader.createConnection()
    connection.connect(disposition=SCARD_LEAVE_CARD)
    data, sw1, sw2 = connection.transmit(SELECT)
    if (sw1, sw2) != (0x90, 0x00):
        raise SystemExit("SELECT answered %02X %02X" % (sw1, sw2))
    return connection


def loop(connection, count, failures):
    for _ in range(count):
        data, sw1, sw2 = connection.transmit(TEST)
        if len(data) != 14 or sw1 != 0x90 or sw2 != 0x00:
            failures.append("unexpected answer %r %02X %02X" % (data, sw1, sw2))
            return


def threads(reader_names, count):
    connections = [connect(name) for name in reader_names]
    failures = []
    workers = [threading.Thread(target=loop, args=(c, count, failures)) for c in connections]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(failures[0])
    for connection in connections:
        connection.disconnect()
    print(json.dumps({"apduPerSecond": count * len(connections) / elapsed}))


def worker(reader_name, count):
    connection = connect(reader_name)
    print("ready", flush=True)
    sys.stdin.readline()
    failures = []
    start = time.time()
    loop(connection, count, failures)
    end = time.time()
    if failures:
        raise SystemExit(failures[0])
    connection.disconnect()
    print(json.dumps({"start": start, "end": end}), flush=True)


def main():
    mode, rest = sys.argv[1], sys.argv[2:]
    if mode == "threads":
        threads(rest[:-1], int(rest[-1]))
    elif mode == "worker":
        worker(rest[0], int(rest[1]))
    else:
        raise SystemExit("usage: pyscard_readers_bench.py threads READER... COUNT | worker READER COUNT")


main()
