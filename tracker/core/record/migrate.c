/* migrate.c - a record moved between stores and verified (migrate.h). */

#include "record/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/chain_head.h"
#include "record/check.h"
#include "record/export.h"
#include "store/store_copy.h"
#include "util/banned.h"

/* ---- an export's digest, without holding the export ------------------------------- */

static ssize_t digest_write(void *cookie, const char *buf, size_t n)
{
	digest_add(cookie, buf, n);
	return (ssize_t)n;
}

/* SHA-256 of `tracker export json` of st: a stream into the digest, so a
 * store of a million check-ins is compared without holding its export. */
static int export_digest(struct store *st, char hex[DIGEST_HEXSZ], struct trk_error *err)
{
	cookie_io_functions_t io = { .write = digest_write };
	struct digest d;
	FILE *f;
	int rc;

	digest_init(&d);
	if (!(f = fopencookie(&d, "w", io)))
		return trk_err(err, TRK_ENOMEM, "cannot open a digest stream");
	rc = export_json(st, NULL, f, err);
	if (fclose(f) != 0 && !rc)
		rc = trk_err(err, TRK_EIO, "cannot finish the export's digest");
	if (!rc)
		digest_hex(&d, hex);
	return rc;
}

/* ---- the copy, inside the source's snapshot and the target's write ----------------- */

struct migration {
	struct store *from, *to;
	struct migrate_result *out;
	int findings;
	char first[400];
};

static int note_finding(const struct check_finding *f, void *arg, struct trk_error *err)
{
	struct migration *m = arg;

	(void)err;
	if (!m->findings++)
		snprintf(m->first, sizeof(m->first), "%s %s #%d: %s", check_kind_name(f->kind),
			 f->key ? f->key : "-", f->seq, f->message);
	return 0;
}

/* The copy as the source: clean, the same head, the same export. */
static int verify(struct migration *m, struct trk_error *err)
{
	char head[DIGEST_HEXSZ], digest[DIGEST_HEXSZ];
	int n = 0, rc;

	if ((rc = check_run(m->to, note_finding, m, &n, err)))
		return rc;
	if (m->findings)
		return trk_err(err, TRK_EFINDING, "the copy fails its check (%d finding%s; first: "
			       "%s): nothing was written", m->findings, m->findings == 1 ? "" : "s",
			       m->first);
	if ((rc = chain_head(m->from, NULL, m->out->head, err)) ||
	    (rc = chain_head(m->to, NULL, head, err)))
		return rc;
	if (strcmp(head, m->out->head))
		return trk_err(err, TRK_EFINDING, "the copy's chain head %.12s differs from the "
			       "source's %.12s: nothing was written", head, m->out->head);
	if ((rc = export_digest(m->from, m->out->export_sha256, err)) ||
	    (rc = export_digest(m->to, digest, err)))
		return rc;
	if (strcmp(digest, m->out->export_sha256))
		return trk_err(err, TRK_EFINDING, "the copy's export differs from the source's: "
			       "nothing was written");
	return 0;
}

static int copy_and_verify(struct store *to, void *arg, struct trk_error *err)
{
	struct migration *m = arg;
	int rc = store_copy(m->from, to, &m->out->commitments, err);

	return rc ? rc : verify(m, err);
}

static int within_snapshot(struct store *from, void *arg, struct trk_error *err)
{
	struct migration *m = arg;

	(void)from;
	return store_write(m->to, copy_and_verify, m, err);
}

int record_migrate(const char *from, const char *to, struct migrate_result *out,
		   struct trk_error *err)
{
	struct migration m = { .out = out };
	int rc;

	memset(out, 0, sizeof(*out));
	if (!strcmp(from, to))
		return trk_err(err, TRK_EINPUT, "from and to are the same store");
	if ((rc = store_open(from, 0, &m.from, err)))
		return trk_err_prefix(err, "from");
	if ((rc = store_open(to, STORE_CREATE, &m.to, err))) {
		store_close(m.from);
		return trk_err_prefix(err, "to");
	}
	rc = store_read(m.from, within_snapshot, &m, err);
	store_close(m.to);
	store_close(m.from);
	return rc;
}
