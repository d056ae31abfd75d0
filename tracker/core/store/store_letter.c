/* store_letter.c - the door for letters. */
#include "store/door.h"

#include <stdlib.h>
#include <string.h>

#include "model/canonical.h"
#include "model/rules.h"
#include "util/strbuf.h"
#include "util/banned.h"

int store_letter_get(struct store *st, const char *doc_no, bool with_text,
		     struct letter *out, struct trk_error *err)
{
	letter_init(out);
	return st->ops->letter_lookup(st->e, doc_no, NULL, with_text, out, err);
}

int store_letters(struct store *st, bool with_text, letter_fn fn, void *ctx,
		  struct trk_error *err)
{
	return st->ops->letters_scan(st->e, with_text, fn, ctx, err);
}

/* ---- finding a letter by the name a person gives it -------------------- */

/* The 文号 with every kind of bracket made one kind, so 慈经信建〔2023〕3号,
 * 慈经信建[2023]3号 and 慈经信建（2023）3号 compare equal. */
static void normalise_doc_no(struct strbuf *sb, const char *s)
{
	static const char *const open[] = { "〔", "［", "【", "（", "(", "[", "﹝", NULL };
	static const char *const close[] = { "〕", "］", "】", "）", ")", "]", "﹞", NULL };

	strbuf_reset(sb);
	while (*s) {
		size_t n = 0;
		char ch = 0;
		for (int i = 0; open[i] && !n; i++) {
			if (!strncmp(s, open[i], strlen(open[i])))
				n = strlen(open[i]), ch = '[';
			else if (!strncmp(s, close[i], strlen(close[i])))
				n = strlen(close[i]), ch = ']';
		}
		if (n) {
			strbuf_addch(sb, ch);
			s += n;
		} else {
			strbuf_addch(sb, *s++);
		}
	}
}

struct resolve {
	struct strbuf want, cur;
	char *exact, *prefix;
	int nprefix;
};

static int resolve_one(const struct letter *l, void *arg, struct trk_error *err)
{
	struct resolve *r = arg;

	(void)err;
	normalise_doc_no(&r->cur, l->doc_no);
	if (!strcmp(r->cur.buf, r->want.buf) ||
	    (l->suggestion_no && !strcmp(l->suggestion_no, r->want.buf))) {
		if (!r->exact)
			r->exact = xstrdup(l->doc_no);
		return 0;
	}
	if (!strncmp(r->cur.buf, r->want.buf, r->want.len) ||
	    (l->suggestion_no && !strncmp(l->suggestion_no, r->want.buf, r->want.len))) {
		if (!r->nprefix++)
			r->prefix = xstrdup(l->doc_no);
	}
	return 0;
}

int store_letter_resolve(struct store *st, const char *name, char **doc_no,
			 struct trk_error *err)
{
	struct resolve r = { STRBUF_INIT, STRBUF_INIT, NULL, NULL, 0 };
	int rc;

	*doc_no = NULL;
	if (!name || !*name)
		return trk_err_field(err, TRK_EINPUT, "letter", "missing");
	normalise_doc_no(&r.want, name);
	rc = st->ops->letters_scan(st->e, false, resolve_one, &r, err);
	if (!rc && r.exact)
		*doc_no = r.exact, r.exact = NULL;
	else if (!rc && r.nprefix == 1)
		*doc_no = r.prefix, r.prefix = NULL;
	else if (!rc && r.nprefix > 1)
		rc = trk_err_field(err, TRK_EINPUT, "letter", "'%s' could be %d letters: give more "
				   "of its number", name, r.nprefix);
	else if (!rc)
		rc = trk_err_field(err, TRK_ENOTFOUND, "letter", "unknown letter '%s'", name);
	free(r.exact);
	free(r.prefix);
	strbuf_release(&r.want);
	strbuf_release(&r.cur);
	return rc;
}

/* ---- storing ----------------------------------------------------------------- */

static bool differs(const char *stored, const char *given)
{
	return given && *given && (!stored || strcmp(stored, given));
}

/* Import never changes a stored letter: a file that says something else
 * about it is a conflict naming the first field that differs. */
static int compare_letter(const struct letter *stored, const struct letter *l,
			  struct trk_error *err)
{
	const char *field = NULL;

	if (differs(stored->doc_no, l->doc_no)) field = "doc_no";
	else if (differs(stored->title, l->title)) field = "title";
	else if (differs(stored->issuer, l->issuer)) field = "issuer";
	else if (differs(stored->signer, l->signer)) field = "signer";
	else if (differs(stored->addressee, l->addressee)) field = "addressee";
	else if (differs(stored->suggestion_no, l->suggestion_no)) field = "suggestion_no";
	else if (differs(stored->session, l->session)) field = "session";
	else if (differs(stored->reply_class, l->reply_class)) field = "reply_class";
	else if (differs(stored->text_sha256, l->text_sha256)) field = "text";
	else if (l->date != DATE_NONE && l->date != stored->date) field = "date";
	else if (l->co_handlers.n && !strlist_equal(&stored->co_handlers, &l->co_handlers))
		field = "co_handlers";
	if (!field)
		return 0;
	return trk_err_field(err, TRK_ECONFLICT, field, "letter '%s' is stored with another "
			     "%s: a stored letter does not change", stored->doc_no, field);
}

static int check_reply_class(struct store *st, const struct letter *l, struct trk_error *err)
{
	struct settings s;
	int rc;

	if (!l->reply_class || !*l->reply_class)
		return 0;
	if ((rc = store_settings(st, NULL, &s, err)))
		return rc;
	if (!settings_reply_class_ok(&s, l->reply_class))
		return trk_err_field(err, TRK_EINPUT, "reply_class", "'%s' is not one of the "
				     "configured classes (%s; setting letter.reply_classes)",
				     l->reply_class, s.reply_classes);
	return 0;
}

static int insert_letter(struct store *st, const struct actor *a, const struct letter *l,
			 struct trk_error *err)
{
	struct letter row = *l;
	char now[TIMESTAMP_BUFSZ], *content;
	int rc;

	if ((rc = door_stamp(NULL, now, err)))
		return rc;
	row.created_at = now;
	if ((rc = st->ops->letter_insert(st->e, &row, err)))
		return rc;
	content = letter_journal_text(&row);
	rc = door_journal(st, "letter", l->doc_no, content, a->name, NULL, err);
	free(content);
	return rc;
}

int store_letter_put(struct store *st, const struct actor *a, const struct letter *l,
		     bool *created, struct trk_error *err)
{
	struct letter stored;
	int rc;

	*created = false;
	if ((rc = door_need_write(st, "storing a letter", err)) ||
	    (rc = door_admin_only(a, "storing a letter", err)) ||
	    (rc = rules_letter(l, err)) || (rc = check_reply_class(st, l, err)))
		return rc;
	letter_init(&stored);
	rc = st->ops->letter_lookup(st->e, l->doc_no, l->text_sha256, false, &stored, NULL);
	if (rc == 0) {
		rc = compare_letter(&stored, l, err);
		letter_release(&stored);
		return rc;
	}
	letter_release(&stored);
	if ((rc = insert_letter(st, a, l, err)))
		return rc;
	*created = true;
	return 0;
}

/* ---- quotes already tracked ------------------------------------------------------ */

int store_quote_tracked(struct store *st, const char *doc_no, const char *quote, char **key,
			struct trk_error *err)
{
	const char *found;
	int rc = door_quote_tracked(st, doc_no, quote, &found, err);

	*key = rc || !found ? NULL : xstrdup(found);
	if (st->txn == TXN_NONE)   /* kept only for the rest of a transaction */
		door_forget_letter(st);
	return rc;
}

/* ---- a report's letters --------------------------------------------------------------- */

struct span {
	const char *doc_no, *known_at;
	int count;
	int32_t first;
};

static int count_letter(const struct letter *l, void *arg, struct trk_error *err)
{
	struct span *s = arg;

	(void)err;
	if ((s->doc_no && strcmp(l->doc_no, s->doc_no)) ||
	    (s->known_at && l->created_at && strcmp(l->created_at, s->known_at) > 0))
		return 0;
	s->count++;
	if (l->date != DATE_NONE && (s->first == DATE_NONE || l->date < s->first))
		s->first = l->date;
	return 0;
}

int store_letters_span(struct store *st, const char *doc_no, const char *known_at,
		       int *count, int32_t *first_date, struct trk_error *err)
{
	struct span s = { doc_no, known_at, 0, DATE_NONE };
	int rc = st->ops->letters_scan(st->e, false, count_letter, &s, err);

	*count = s.count;
	*first_date = s.first;
	return rc;
}
