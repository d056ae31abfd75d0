#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

int trk_err(struct trk_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	err->field[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), _(fmt), ap);
	va_end(ap);
	return code;
}

int trk_err_field(struct trk_error *err, int code, const char *field, const char *fmt, ...)
{
	char msg[sizeof(err->msg)];
	va_list ap;

	if (!err)
		return code;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field);
	snprintf(err->msg, sizeof(err->msg), "%s: %s", field, msg);
	return code;
}

int trk_err_prefix(struct trk_error *err, const char *fmt, ...)
{
	char prefix[512], old[sizeof(err->msg)];
	va_list ap;

	if (!err)
		return TRK_EINTERNAL;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), _(fmt), ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	snprintf(err->msg, sizeof(err->msg), "%s: %s", prefix, old);
	return err->code;
}

int trk_exit_status(int code)
{
	switch (code) {
	case TRK_OK:        return 0;
	case TRK_EUSAGE:    return 2;
	case TRK_EINPUT:    return 3;
	case TRK_ENOTFOUND: return 4;
	case TRK_ECONFLICT: return 5;
	case TRK_EDB:       return 6;
	case TRK_EIO:       return 7;
	case TRK_EVERSION:  return 8;
	case TRK_EFINDING:  return 9;
	case TRK_EFORBIDDEN: return 10;
	case TRK_EAUTH:     return 11;
	default:            return 1;
	}
}
