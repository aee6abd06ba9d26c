#! /usr/bin/env python3
# Another application's transaction, through PySCard's low-level scard module.
#   hold: begin a transaction, print "Began", keep it until a line arrives on stdin, end it, print "Ended".
#   take: print "Trying", connect and begin a transaction (pcscd makes both wait while someone else holds
#         one), print "Began", end it, print "Ended".
import sys

from smartcard.scard import (SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_S_SUCCESS,
                             SCARD_SCOPE_USER, SCARD_SHARE_SHARED, SCardBeginTransaction, SCardConnect,
                             SCardDisconnect, SCardEndTransaction, SCardEstablishContext, SCardReleaseContext)


def check(what, hresult):
    if hresult != SCARD_S_SUCCESS:
        print("%s failed: 0x%08X" % (what, hresult & 0xFFFFFFFF), flush=True)
        sys.exit(1)


mode, reader = sys.argv[1], sys.argv[2]
hresult, context = SCardEstablishContext(SCARD_SCOPE_USER)
check("SCardEstablishContext", hresult)
if mode == "take":
    print("Trying", flush=True)
hresult, card, protocol = SCardConnect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
check("SCardConnect", hresult)
check("SCardBeginTransaction", SCardBeginTransaction(card))
print("Began", flush=True)
if mode == "hold":
    sys.stdin.readline()
check("SCardEndTransaction", SCardEndTransaction(card, SCARD_LEAVE_CARD))
print("Ended", flush=True)
SCardDisconnect(card, SCARD_LEAVE_CARD)
SCardReleaseContext(context)
