/* cmd_check.c - `tracker check`: integrity, quotes and the tamper-evident
 * chains; `tracker check --head` prints the chain head. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "opts.h"
#include "store/chain.h"
#include "store/check.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

struct check_out {
	FILE *out;
	bool json;
	int printed;
};

/* "checkin_chain 211-05 #3: hash does not match ..." - text from the
 * database is made inert for the terminal. */
static int print_text(const struct check_finding *f, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, check_kind_name(f->kind));
	if (f->key) {
		strbuf_addch(&sb, ' ');
		utf8_add_terminal(&sb, f->key, 0);
	}
	if (f->seq)
		strbuf_addf(&sb, " #%d", f->seq);
	strbuf_addstr(&sb, ": ");
	utf8_add_terminal(&sb, f->message, 0);
	strbuf_addch(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
	return 0;
}

/* One finding as a JSON object. Findings are streamed, not collected, so a
 * badly damaged database does not make the output a memory problem. */
static int print_json(const struct check_finding *f, struct check_out *o, bool first)
{
	cJSON *obj = cJSON_CreateObject();
	char *text;

	cJSON_AddStringToObject(obj, "check", check_kind_name(f->kind));
	if (f->key)
		cJSON_AddStringToObject(obj, "key", f->key);
	else
		cJSON_AddNullToObject(obj, "key");
	if (f->seq)
		cJSON_AddNumberToObject(obj, "seq", f->seq);
	else
		cJSON_AddNullToObject(obj, "seq");
	cJSON_AddStringToObject(obj, "message", f->message);
	text = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	if (!text)
		return TRK_ENOMEM;
	fprintf(o->out, "%s\n    %s", first ? "" : ",", text);
	cJSON_free(text);
	return 0;
}

static int on_finding(const struct check_finding *f, void *ctx, struct trk_error *err)
{
	struct check_out *o = ctx;
	int rc;

	if (!o->json)
		return print_text(f, o->out);
	rc = print_json(f, o, !o->printed++);
	return rc ? trk_err(err, rc, "check: out of memory") : 0;
}

/* --as-known-at: a UTC timestamp, or a date meaning the end of that day,
 * normalised to the form recorded_at is stored in. */
static int known_at_parse(const char *s, char out[TIMESTAMP_BUFSZ], struct trk_error *err)
{
	int64_t t;
	int rc;

	if ((rc = timestamp_parse(s, &t, "--as-known-at", err)))
		return rc;
	if (strlen(s) == DATE_BUFSZ - 1)
		t += 86399;
	timestamp_format(t, out);
	return 0;
}

static int print_head(struct cmd_ctx *ctx, const char *as_known_at, struct trk_error *err)
{
	char ts[TIMESTAMP_BUFSZ], head[CHAIN_HEAD_HEXSZ];
	struct store *st;
	int rc;

	if ((as_known_at && (rc = known_at_parse(as_known_at, ts, err))) ||
	    (rc = cmd_store(ctx, &st, err)) ||
	    (rc = store_chain_head(st, as_known_at ? ts : NULL, head, err)))
		return rc;
	fprintf(ctx->out, "%s\n", head);
	return 0;
}

int cmd_check(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	const char *as_known_at = NULL;
	bool json = false, head = false, help;
	struct opt opts[] = {
		{ "json", OPT_FLAG, &json }, { "head", OPT_FLAG, &head },
		{ "as-known-at", OPT_STRING, &as_known_at }, { NULL, 0, NULL }
	};
	struct check_out o = { .out = ctx->out };
	struct store *st;
	int n = 0, rc;

	if ((rc = opts_parse(argc, argv, opts, NULL, 0, 0, NULL, &help, err)))
		return rc;
	if (as_known_at && !head)
		return trk_err(err, TRK_EUSAGE, "--as-known-at goes with --head");
	if (head)
		return print_head(ctx, as_known_at, err);
	o.json = json;
	if ((rc = cmd_store(ctx, &st, err)))
		return rc;
	if (json)
		fputs("{\n  \"findings\": [", ctx->out);
	rc = check_run(st, on_finding, &o, &n, err);
	if (json)
		fprintf(ctx->out, "%s],\n  \"count\": %d,\n  \"ok\": %s\n}\n", n ? "\n  " : "", n,
			!rc && !n ? "true" : "false");
	if (rc)
		return rc;
	if (n)
		return trk_err(err, TRK_EFINDING, "check: %d problem%s found", n, n == 1 ? "" : "s");
	fputs("check: no problems found\n", ctx->msg);
	return 0;
}
