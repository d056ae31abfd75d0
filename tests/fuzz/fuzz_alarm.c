/* fuzz_alarm.c - libFuzzer target for the --alarm parser: any bytes must
 * either parse into at most ICS_ALARMS_MAX reminders within a year, or fail
 * with a usage error and a message, never crash or read past the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/ics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *spec = malloc(size + 1);
	struct ics_alarms a = { .n = -1 };
	struct trk_error err = { 0 };
	int rc;

	if (!spec)
		return 0;
	memcpy(spec, data, size);
	spec[size] = '\0';   /* the parser takes a C string, as argv gives */
	rc = ics_parse_alarms(spec, &a, &err);
	if (rc == 0) {
		if (a.n < 1 || a.n > ICS_ALARMS_MAX)
			abort();
		for (int i = 0; i < a.n; i++) {
			long hours = a.a[i].amount * (a.a[i].unit == ICS_HOURS ? 1L :
						      a.a[i].unit == ICS_DAYS ? 24L : 168L);
			if (a.a[i].amount < 0 || hours > ICS_ALARM_MAX_HOURS)
				abort();
		}
	} else if (rc != TRK_EUSAGE || !err.msg[0] || a.n != -1) {
		abort();
	}
	free(spec);
	return 0;
}
