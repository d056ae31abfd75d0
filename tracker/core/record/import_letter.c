/* import_letter.c - one letter of an import: its metadata and text, its
 * commitments, and their check-ins and history. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/commitment_field.h"
#include "util/date.h"
#include "record/import_internal.h"
#include "util/json_get.h"
#include "util/digest.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define MAX_TEXT_BYTES (64u << 20)

static char *read_file(const char *base, const char *name, size_t *len, void *ctx,
		       struct trk_error *err)
{
	struct strbuf path = STRBUF_INIT, sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	FILE *f;

	if (name[0] != '/' && base)
		strbuf_addstr(&path, base);
	strbuf_addstr(&path, name);
	if (!(f = fopen(path.buf, "rb"))) {
		trk_err(err, TRK_EIO, "text_file: cannot read '%s': %s", path.buf, strerror(errno));
		strbuf_release(&path);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && sb.len <= MAX_TEXT_BYTES)
		strbuf_add(&sb, chunk, n);
	fclose(f);
	strbuf_release(&path);
	if (sb.len > MAX_TEXT_BYTES) {
		strbuf_release(&sb);
		trk_err(err, TRK_EINPUT, "text_file: larger than %u MB", MAX_TEXT_BYTES >> 20);
		return NULL;
	}
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* Fills l->text from "text" or "text_file", checks it is UTF-8 and agrees
 * with "text_sha256". */
static int letter_text(struct importer *imp, const cJSON *obj, struct letter *l,
		       struct trk_error *err)
{
	const char *text = NULL, *file = NULL, *sha = NULL;
	char hex[65];
	size_t len = 0;
	int rc;

	if ((rc = json_get_string(obj, "text", false, &text, err)) ||
	    (rc = json_get_string(obj, "text_file", false, &file, err)) ||
	    (rc = json_get_string(obj, "text_sha256", false, &sha, err)))
		return rc;
	if (text && file)
		return trk_err_field(err, TRK_EINPUT, "text_file", "give text or text_file, not both");
	if (file) {
		import_text_loader load = imp->src->load_text ? imp->src->load_text : read_file;
		if (!(l->text = load(imp->src->base_dir, file, &len, imp->src->load_ctx, err)))
			return err->code;
		if (strlen(l->text) != len)
			return trk_err_field(err, TRK_EINPUT, "text_file", "'%s' contains a NUL byte",
					     file);
	} else if (text) {
		l->text = xstrdup(text);
		len = strlen(text);
	}
	if (l->text) {
		sha256_hex(l->text, len, hex);
		if (sha && strcmp(sha, hex))
			return trk_err_field(err, TRK_EINPUT, "text_sha256", "does not match the text "
					     "(its SHA-256 is %s)", hex);
		l->text_sha256 = xstrdup(hex);
	} else if (sha) {
		l->text_sha256 = xstrdup(sha);
	}
	return 0;
}

static int dup_string(const cJSON *obj, const char *name, bool required, char **out,
		      struct trk_error *err)
{
	const char *s = NULL;
	int rc = json_get_string(obj, name, required, &s, err);

	if (!rc && s)
		*out = xstrdup(s);
	return rc;
}

static int parse_letter(struct importer *imp, const cJSON *obj, struct letter *l,
			struct trk_error *err)
{
	static const char *const allowed[] = {
		"doc_no", "title", "issuer", "signer", "date", "addressee", "suggestion_no",
		"session", "co_handlers", "reply_class", "text", "text_file", "text_sha256",
		"commitments", "x", NULL
	};
	int rc;

	if ((rc = json_check_members(obj, allowed, err)) ||
	    (rc = dup_string(obj, "doc_no", true, &l->doc_no, err)) ||
	    (rc = dup_string(obj, "title", false, &l->title, err)) ||
	    (rc = dup_string(obj, "issuer", false, &l->issuer, err)) ||
	    (rc = dup_string(obj, "signer", false, &l->signer, err)) ||
	    (rc = json_get_date(obj, "date", false, &l->date, err)) ||
	    (rc = dup_string(obj, "addressee", false, &l->addressee, err)) ||
	    (rc = dup_string(obj, "suggestion_no", false, &l->suggestion_no, err)) ||
	    (rc = dup_string(obj, "session", false, &l->session, err)) ||
	    (rc = dup_string(obj, "reply_class", false, &l->reply_class, err)) ||
	    (rc = json_get_strlist(obj, "co_handlers", &l->co_handlers, err)))
		return rc;
	return letter_text(imp, obj, l, err);
}

/* The line of a commitment: where its key appears in the letter's bytes. */
static size_t commitment_offset(struct importer *imp, const char *key)
{
	struct strbuf needle = STRBUF_INIT;
	const char *hit;

	strbuf_addf(&needle, "\"%s\"", key ? key : "");
	hit = memmem(imp->src->data + imp->elem_off, imp->elem_len, needle.buf, needle.len);
	strbuf_release(&needle);
	return hit ? (size_t)(hit - imp->src->data) : imp->elem_off;
}

int import_letter(struct importer *imp, const cJSON *obj, int index, struct trk_error *err)
{
	struct letter l;
	const cJSON *list, *c;
	bool created;
	int i = 0, rc;

	letter_init(&l);
	if (!cJSON_IsObject(obj)) {
		rc = trk_err(err, TRK_EINPUT, "letters[%d]: expected an object", index);
		return import_fail_at(imp, imp->elem_off, err);
	}
	if ((rc = parse_letter(imp, obj, &l, err)) ||
	    (rc = store_letter_put(imp->st, imp->actor, &l, &created, err)) ||
	    (rc = json_get_array(obj, "commitments", &list, err))) {
		trk_err_prefix(err, "letters[%d]", index);
		rc = import_fail_at(imp, imp->elem_off, err);
		goto out;
	}
	if (created)
		imp->stats->letters_added++;
	else
		imp->stats->letters_skipped++;
	cJSON_ArrayForEach(c, list) {
		if ((rc = import_commitment(imp, c, l.doc_no, err))) {
			const cJSON *key = cJSON_GetObjectItemCaseSensitive(c, "key");
			const char *k = cJSON_IsString(key) ? key->valuestring : NULL;
			trk_err_prefix(err, "letters[%d].commitments[%d]%s%.40s%s", index, i,
				       k ? " (" : "", k ? k : "", k ? ")" : "");
			rc = import_fail_at(imp, commitment_offset(imp, k), err);
			goto out;
		}
		i++;
	}
out:
	letter_release(&l);
	return rc;
}
