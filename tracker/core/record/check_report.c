/* check_report.c - `tracker check --report FILE`: a report that was sent is
 * the outside anchor of the record. Made again from the record as it was
 * known when the report was made, it must come out the same: the same chain
 * head, the same figures. Where it does not, the record behind it changed,
 * and the findings say where (see check.h). */
#include "record/check.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_request.h"
#include "util/json_strict.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define MAX_REPORT_BYTES (512u << 20)
#define MAX_DIFFS 10

static char *read_file(const char *path, size_t *len, struct trk_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (!f) {
		trk_err(err, errno == ENOENT ? TRK_ENOTFOUND : TRK_EIO, "cannot read '%s': %s", path,
			strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && sb.len <= MAX_REPORT_BYTES)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* The report in the file, parsed; TRK_EINPUT when it is not one. */
static int load_report(const char *path, cJSON **out, struct trk_error *err)
{
	struct json_fault f;
	const cJSON *fmt;
	size_t len = 0;
	char *text = read_file(path, &len, err);

	*out = NULL;
	if (!text)
		return err->code;
	if (!json_strict_check(text, len, &f)) {
		free(text);
		return trk_err(err, TRK_EINPUT, "%s:%zu: %s%sinvalid JSON: %s", path, f.line, f.path,
			       *f.path ? ": " : "", f.message);
	}
	*out = cJSON_ParseWithLength(text, len);
	free(text);
	fmt = cJSON_GetObjectItemCaseSensitive(*out, "format");
	if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, REPORT_FORMAT_ID))
		return trk_err(err, TRK_EINPUT, "%s: not a JSON report of tracker (format %s)", path,
			       REPORT_FORMAT_ID);
	return 0;
}

static const char *str_at(const cJSON *o, const char *a, const char *b)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, a);

	if (b)
		m = cJSON_GetObjectItemCaseSensitive(m, b);
	return cJSON_IsString(m) ? m->valuestring : NULL;
}

static void strs_at(const cJSON *filter, const char *name, struct strlist *out)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(filter, name))
		if (cJSON_IsString(item))
			strlist_push(out, item->valuestring);
}

/* The request that made the report: its period, language, filter, and the
 * moment it was made as the moment the record is read at. */
static void request_of(const cJSON *doc, struct report_request *r, struct strlist *status,
		       struct strlist *health)
{
	const cJSON *filter = cJSON_GetObjectItemCaseSensitive(doc, "filter");
	const char *label = str_at(doc, "period", "label");

	memset(r, 0, sizeof(*r));
	r->format = "json";
	r->lang = str_at(doc, "lang", NULL);
	r->as_known_at = str_at(doc, "generated_at", NULL);
	if (label && strlen(label) == 6 && label[4] == 'Q')
		r->quarter = label;
	else
		r->from = str_at(doc, "period", "from"), r->to = str_at(doc, "period", "to");
	r->sel.key = str_at(filter, "key", NULL);
	r->sel.letter = str_at(filter, "letter", NULL);
	r->sel.owner = str_at(filter, "owner", NULL);
	r->sel.tag = str_at(filter, "tag", NULL);
	r->sel.kind = str_at(filter, "kind", NULL);
	r->sel.due_before = str_at(filter, "due_before", NULL);
	r->sel.due_after = str_at(filter, "due_after", NULL);
	r->sel.open_only = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(filter, "open_only"));
	strs_at(filter, "status", status);
	strs_at(filter, "health", health);
	r->sel.status = status;
	r->sel.health = health;
}

/* The same report made again, as JSON text (caller frees). */
static char *remake(struct store *st, const struct report_request *r, struct trk_error *err)
{
	struct report_job job;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int rc;

	if (!(mem = open_memstream(&buf, &len))) {
		trk_err(err, TRK_ENOMEM, "out of memory");
		return NULL;
	}
	if (!(rc = report_job_prepare(st, r, &job, err)))
		rc = report_run(st, &job.params, REPORT_JSON, mem, err);
	report_job_release(&job);
	fclose(mem);
	if (rc) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* ---- comparing ---------------------------------------------------------------- */

struct diff {
	check_fn fn;
	void *ctx;
	int *n;
	struct strbuf path;
	const char *key;          /* the commitment being compared, if any */
};

static void value_text(struct strbuf *sb, const cJSON *v)
{
	char *text = v ? cJSON_PrintUnformatted(v) : NULL;

	strbuf_addf(sb, "%.80s", text ? text : "(absent)");
	cJSON_free(text);
}

static int differ(struct diff *d, const cJSON *was, const cJSON *now, struct trk_error *err)
{
	struct strbuf msg = STRBUF_INIT;
	struct check_finding f = { .kind = CHECK_REPORT, .key = d->key };
	int rc;

	if (++*d->n > MAX_DIFFS)
		return 0;
	strbuf_addf(&msg, "the report says %s = ", d->path.buf);
	value_text(&msg, was);
	strbuf_addstr(&msg, ", the record now gives ");
	value_text(&msg, now);
	f.message = msg.buf;
	rc = d->fn(&f, d->ctx, err);
	strbuf_release(&msg);
	return rc;
}

static int compare(struct diff *d, const cJSON *was, const cJSON *now, struct trk_error *err);

static int compare_member(struct diff *d, const char *name, const cJSON *was, const cJSON *now,
			  struct trk_error *err)
{
	size_t len = d->path.len;
	int rc;

	strbuf_addf(&d->path, "%s%s", len ? "." : "", name);
	rc = compare(d, was, now, err);
	strbuf_setlen(&d->path, len);
	return rc;
}

static int compare_element(struct diff *d, int i, const cJSON *was, const cJSON *now,
			   struct trk_error *err)
{
	const char *saved = d->key, *key = str_at(was ? was : now, "key", NULL);
	size_t len = d->path.len;
	int rc;

	if (key)
		d->key = key;
	strbuf_addf(&d->path, "[%d]", i);
	rc = compare(d, was, now, err);
	strbuf_setlen(&d->path, len);
	d->key = saved;
	return rc;
}

static int compare(struct diff *d, const cJSON *was, const cJSON *now, struct trk_error *err)
{
	const cJSON *m;
	int rc = 0, i = 0;

	if (was && now && cJSON_IsObject(was) && cJSON_IsObject(now)) {
		cJSON_ArrayForEach(m, was)
			if (!rc && strcmp(m->string, "known_at"))
				rc = compare_member(d, m->string, m,
						    cJSON_GetObjectItemCaseSensitive(now, m->string), err);
		cJSON_ArrayForEach(m, now)
			if (!rc && !cJSON_GetObjectItemCaseSensitive(was, m->string) &&
			    strcmp(m->string, "known_at"))
				rc = compare_member(d, m->string, NULL, m, err);
		return rc;
	}
	if (was && now && cJSON_IsArray(was) && cJSON_IsArray(now)) {
		int nw = cJSON_GetArraySize(was), nn = cJSON_GetArraySize(now);
		for (i = 0; !rc && (i < nw || i < nn); i++)
			rc = compare_element(d, i, cJSON_GetArrayItem(was, i),
					     cJSON_GetArrayItem(now, i), err);
		return rc;
	}
	if (!cJSON_Compare(was, now, true))
		return differ(d, was, now, err);
	return 0;
}

int check_report(struct store *st, const char *path, check_fn fn, void *ctx, int *nfindings,
		 struct trk_error *err)
{
	struct strlist status = { 0 }, health = { 0 };
	struct diff d = { .fn = fn, .ctx = ctx, .n = nfindings, .path = STRBUF_INIT };
	struct report_request r;
	cJSON *was = NULL, *now = NULL;
	char *again = NULL;
	int rc;

	*nfindings = 0;
	if ((rc = load_report(path, &was, err)))
		goto out;
	request_of(was, &r, &status, &health);
	if (!r.as_known_at || !r.lang) {
		rc = trk_err(err, TRK_EINPUT, "%s: the report has no generated_at or lang", path);
		goto out;
	}
	if (!(again = remake(st, &r, err))) {
		rc = trk_err_prefix(err, "%s: cannot make the report again", path);
		goto out;
	}
	now = cJSON_Parse(again);
	rc = compare(&d, was, now, err);
out:
	cJSON_Delete(was);
	cJSON_Delete(now);
	free(again);
	strlist_release(&status);
	strlist_release(&health);
	strbuf_release(&d.path);
	return rc;
}
