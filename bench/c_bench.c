/* Sends N test APDUs through libpcsclite's SCardTransmit in a plain loop and prints {"apduPerSecond": ...}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <winscard.h>

static const BYTE SELECT[] = {0x00, 0xA4, 0x04, 0x00, 0x06, 0xA0, 0x00, 0x00, 0x00, 0x18, 0xFF};
static const BYTE TEST[] = {0x80, 0x34, 0x00, 0x0E, 0x0E};

static int fail(const char *what, LONG rv) {
  fprintf(stderr, "%s: 0x%08lX\n", what, (unsigned long)rv);
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 3) return fprintf(stderr, "usage: c_bench READER COUNT\n"), 2;
  long count = strtol(argv[2], NULL, 10);
  SCARDCONTEXT context;
  SCARDHANDLE card;
  DWORD protocol;
  LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &context);
  if (rv != SCARD_S_SUCCESS) return fail("SCardEstablishContext", rv);
  rv = SCardConnect(context, argv[1], SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card, &protocol);
  if (rv != SCARD_S_SUCCESS) return fail("SCardConnect", rv);
  const SCARD_IO_REQUEST *pci = protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
  BYTE answer[258];
  DWORD length = sizeof answer;
  rv = SCardTransmit(card, pci, SELECT, sizeof SELECT, NULL, answer, &length);
  if (rv != SCARD_S_SUCCESS || length < 2 || answer[length - 2] != 0x90) return fail("SELECT", rv);
  struct timespec started, ended;
  for (long i = -50; i < count; i++) {
    if (i == 0) clock_gettime(CLOCK_MONOTONIC, &started);
    length = sizeof answer;
    rv = SCardTransmit(card, pci, TEST, sizeof TEST, NULL, answer, &length);
    if (rv != SCARD_S_SUCCESS) return fail("SCardTransmit", rv);
    if (length != 16 || answer[14] != 0x90 || answer[15] != 0x00) return fail("unexpected answer length", (LONG)length);
  }
  clock_gettime(CLOCK_MONOTONIC, &ended);
  double seconds = (double)(ended.tv_sec - started.tv_sec) + (double)(ended.tv_nsec - started.tv_nsec) / 1e9;
  SCardDisconnect(card, SCARD_LEAVE_CARD);
  SCardReleaseContext(context);
  printf("{\"apduPerSecond\": %f}\n", (double)count / seconds);
  return 0;
}
