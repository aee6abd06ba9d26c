/*
 * A serial reader driver (IFD handler) for tests: one slot holding a card that is always present and
 * answers every command with 90 00. The reader can be unplugged: DEVICENAME in reader.conf is
 * "<marker file>:<anything>", and from the moment the marker file exists every call answers
 * IFD_NO_SUCH_DEVICE, as a driver does for a USB reader pulled out. pcscd then removes the reader
 * (only a pcscd built with libusb hotplug rechecks serial readers; see build-pcsc-lite.sh --hotplug).
 *
 *   gcc -shared -fPIC -I/usr/include/PCSC -o libifd-unpluggable.so ifd-unpluggable.c
 */
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <ifdhandler.h>

static const UCHAR card_atr[] = { 0x3B, 0x02, 0x14, 0x50 };
static char marker_path[PATH_MAX];

static int unplugged(void)
{
	return marker_path[0] != '\0' && access(marker_path, F_OK) == 0;
}

RESPONSECODE IFDHCreateChannelByName(DWORD Lun, LPSTR DeviceName)
{
	(void)Lun;
	size_t length = strcspn(DeviceName, ":");
	if (length == 0 || length >= sizeof marker_path)
		return IFD_COMMUNICATION_ERROR;
	memcpy(marker_path, DeviceName, length);
	marker_path[length] = '\0';
	/* A reader that is gone cannot be added again. */
	return unplugged() ? IFD_COMMUNICATION_ERROR : IFD_SUCCESS;
}

RESPONSECODE IFDHCreateChannel(DWORD Lun, DWORD Channel)
{
	(void)Lun;
	(void)Channel;
	/* The marker file is named by DEVICENAME only. */
	return IFD_COMMUNICATION_ERROR;
}

RESPONSECODE IFDHCloseChannel(DWORD Lun)
{
	(void)Lun;
	return IFD_SUCCESS;
}

RESPONSECODE IFDHGetCapabilities(DWORD Lun, DWORD Tag, PDWORD Length, PUCHAR Value)
{
	(void)Lun;
	switch (Tag)
	{
	case TAG_IFD_ATR:
		if (*Length < sizeof card_atr)
			return IFD_ERROR_INSUFFICIENT_BUFFER;
		memcpy(Value, card_atr, sizeof card_atr);
		*Length = sizeof card_atr;
		return IFD_SUCCESS;
	case TAG_IFD_SLOTS_NUMBER:
	case TAG_IFD_SIMULTANEOUS_ACCESS:
		if (*Length < 1)
			return IFD_ERROR_INSUFFICIENT_BUFFER;
		Value[0] = 1;
		*Length = 1;
		return IFD_SUCCESS;
	default:
		return IFD_ERROR_TAG;
	}
}

RESPONSECODE IFDHSetCapabilities(DWORD Lun, DWORD Tag, DWORD Length, PUCHAR Value)
{
	(void)Lun;
	(void)Tag;
	(void)Length;
	(void)Value;
	return IFD_ERROR_TAG;
}

RESPONSECODE IFDHSetProtocolParameters(DWORD Lun, DWORD Protocol, UCHAR Flags, UCHAR PTS1, UCHAR PTS2, UCHAR PTS3)
{
	(void)Lun;
	(void)Protocol;
	(void)Flags;
	(void)PTS1;
	(void)PTS2;
	(void)PTS3;
	return unplugged() ? IFD_NO_SUCH_DEVICE : IFD_SUCCESS;
}

RESPONSECODE IFDHPowerICC(DWORD Lun, DWORD Action, PUCHAR Atr, PDWORD AtrLength)
{
	(void)Lun;
	if (unplugged())
		return IFD_NO_SUCH_DEVICE;
	if (Action == IFD_POWER_DOWN)
	{
		*AtrLength = 0;
		return IFD_SUCCESS;
	}
	if (*AtrLength < sizeof card_atr)
		return IFD_ERROR_INSUFFICIENT_BUFFER;
	memcpy(Atr, card_atr, sizeof card_atr);
	*AtrLength = sizeof card_atr;
	return IFD_SUCCESS;
}

RESPONSECODE IFDHTransmitToICC(DWORD Lun, SCARD_IO_HEADER SendPci, PUCHAR TxBuffer, DWORD TxLength,
	PUCHAR RxBuffer, PDWORD RxLength, PSCARD_IO_HEADER RecvPci)
{
	(void)Lun;
	(void)SendPci;
	(void)TxBuffer;
	(void)TxLength;
	(void)RecvPci;
	if (unplugged())
		return IFD_NO_SUCH_DEVICE;
	if (*RxLength < 2)
		return IFD_ERROR_INSUFFICIENT_BUFFER;
	RxBuffer[0] = 0x90;
	RxBuffer[1] = 0x00;
	*RxLength = 2;
	return IFD_SUCCESS;
}

RESPONSECODE IFDHControl(DWORD Lun, DWORD dwControlCode, PUCHAR TxBuffer, DWORD TxLength, PUCHAR RxBuffer,
	DWORD RxLength, LPDWORD pdwBytesReturned)
{
	(void)Lun;
	(void)dwControlCode;
	(void)TxBuffer;
	(void)TxLength;
	(void)RxBuffer;
	(void)RxLength;
	*pdwBytesReturned = 0;
	return unplugged() ? IFD_NO_SUCH_DEVICE : IFD_ERROR_NOT_SUPPORTED;
}

RESPONSECODE IFDHICCPresence(DWORD Lun)
{
	(void)Lun;
	return unplugged() ? IFD_NO_SUCH_DEVICE : IFD_ICC_PRESENT;
}
