/* cmd_log.c - `tracker log`: append a check-in (progress entry). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "opts.h"
#include "select.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* Parses a finite decimal number; "NaN", "inf", "12abc" and "" are errors. */
static int parse_value(const char *s, double *out, struct trk_error *err)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (!*s || *end || end == s || !isfinite(*out) || errno == ERANGE)
		return trk_err(err, TRK_EINPUT, "--value: '%.40s' is not a number", s);
	return 0;
}

static int text_opt(const char *s, const char *field, struct trk_error *err)
{
	return s ? text_check(s, strlen(s), field, err) : 0;
}

static int append(struct store *st, void *k, struct trk_error *err)
{
	return store_checkin_append(st, k, err);
}

int cmd_log(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	const char *value = NULL, *as_of = NULL, *note = NULL, *evidence = NULL, *by = NULL;
	const char *corrects = NULL, *key;
	bool help;
	struct opt opts[] = {
		{ "value", OPT_STRING, &value }, { "as-of", OPT_STRING, &as_of },
		{ "note", OPT_STRING, &note }, { "evidence", OPT_STRING, &evidence },
		{ "by", OPT_STRING, &by }, { "corrects", OPT_STRING, &corrects }, { NULL, 0, NULL }
	};
	struct checkin k;
	struct store *st;
	int rc;

	checkin_init(&k);
	if ((rc = opts_parse(argc, argv, opts, &key, 1, 1, NULL, &help, err)))
		goto out;
	if (!value && !note && !evidence) {
		rc = trk_err(err, TRK_EUSAGE, "give --value, --note or --evidence");
		goto out;
	}
	if ((value && (rc = parse_value(value, &k.value, err))) ||
	    (rc = select_as_of(as_of, &k.as_of, err)) ||
	    (rc = text_opt(note, "--note", err)) || (rc = text_opt(evidence, "--evidence", err)) ||
	    (rc = text_opt(by, "--by", err)))
		goto out;
	if (corrects && ((k.supersedes = atoi(corrects)) <= 0 || strspn(corrects, "0123456789") != strlen(corrects))) {
		rc = trk_err(err, TRK_EUSAGE, "--corrects: '%s' is not a check-in number", corrects);
		goto out;
	}
	k.has_value = value != NULL;
	k.commitment_key = xstrdup(key);
	k.note = xstrdup(note);
	k.evidence = xstrdup(evidence);
	k.author = xstrdup(by ? by : getenv("USER"));
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_write(st, append, &k, err)))
		goto out;
	fprintf(ctx->msg, "logged check-in #%d on %s\n", k.seq, key);
out:
	checkin_release(&k);
	return rc;
}
