/* backup.c - restore after a full check (see backup.h). */
#include "record/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/check.h"
#include "util/outfile.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* Copies the file at from to a temporary file beside to's directory. */
static char *copy_aside(const char *from, const char *near, struct trk_error *err)
{
	char buf[65536], *tmp = outfile_temp_name(near, err);
	int in = -1, out = -1, rc = 0;
	ssize_t n;

	if (!tmp)
		return NULL;
	if ((in = open(from, O_RDONLY)) < 0 || (out = open(tmp, O_WRONLY | O_TRUNC)) < 0)
		rc = trk_err(err, errno == ENOENT ? TRK_ENOTFOUND : TRK_EIO, "cannot read '%s': %s",
			     from, strerror(errno));
	while (!rc && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			rc = trk_err(err, TRK_EIO, "cannot copy '%s': %s", from, strerror(errno));
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) < 0 && !rc)
		rc = trk_err(err, TRK_EIO, "cannot copy '%s': %s", from, strerror(errno));
	if (rc) {
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

static int first_finding(const struct check_finding *f, void *arg, struct trk_error *err)
{
	struct strbuf *first = arg;

	(void)err;
	if (!first->len)
		strbuf_addf(first, "%s %s #%d: %s", check_kind_name(f->kind), f->key ? f->key : "-",
			    f->seq, f->message);
	return 0;
}

/* Opens the copy (migrating it to this schema) and checks all of it. */
static int verify_copy(const char *tmp, const char *path, struct trk_error *err)
{
	struct strbuf first = STRBUF_INIT;
	struct store *copy = NULL;
	int n = 0, rc = store_open(tmp, 0, &copy, err);

	if (rc == TRK_ENOTFOUND || (rc == TRK_EDB && !strstr(err->msg, "damaged")))
		rc = trk_err(err, TRK_EDB, "'%s' is not a tracker database: not restoring", path);
	else if (rc)
		trk_err_prefix(err, "'%s'", path);
	if (!rc && !(rc = check_run(copy, first_finding, &first, &n, err)) && n)
		rc = trk_err(err, TRK_EDB, "'%s' is damaged or was altered: it fails its check (%d "
			     "finding%s; first: %.300s): not restoring", path, n, n == 1 ? "" : "s",
			     first.buf);
	store_close(copy);
	strbuf_release(&first);
	return rc;
}

/* A SQLite file starts with these 16 bytes; anything else is refused
 * before it is copied anywhere. */
static int is_sqlite_file(const char *path, struct trk_error *err)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	int fd = open(path, O_RDONLY), rc = 0;

	if (fd < 0)
		return trk_err(err, errno == ENOENT ? TRK_ENOTFOUND : TRK_EIO, "cannot read '%s': "
			       "%s", path, strerror(errno));
	if (read(fd, head, sizeof(head)) != (ssize_t)sizeof(head) || memcmp(head, magic, 16))
		rc = trk_err(err, TRK_EDB, "'%s' is not a tracker database (not a SQLite file): "
			     "not restoring", path);
	close(fd);
	return rc;
}

int record_restore(struct store *st, const char *path, struct trk_error *err)
{
	struct strbuf side = STRBUF_INIT;
	const char *near = NULL, *tmpdir;
	char *tmp;
	int rc;

	if ((rc = is_sqlite_file(path, err)))
		return rc;
	/* Beside a database file (same file system), or for a database on a
	 * server in the temporary directory. */
	if (!strcmp(store_engine_name(st), "sqlite"))
		near = store_location(st);
	else if ((tmpdir = getenv("TMPDIR")) && *tmpdir)
		strbuf_addf(&side, "%s/tracker-restore.db", tmpdir);
	else
		strbuf_addstr(&side, "/tmp/tracker-restore.db");
	tmp = copy_aside(path, near ? near : side.buf, err);
	if (!tmp) {
		strbuf_release(&side);
		return err->code;
	}
	if (!(rc = verify_copy(tmp, path, err)))
		rc = store_restore_from(st, tmp, err);
	unlink(tmp);
	for (const char *suffix = "-wal"; suffix; suffix = !strcmp(suffix, "-wal") ? "-shm" : NULL) {
		strbuf_reset(&side);
		strbuf_addf(&side, "%s%s", tmp, suffix);
		unlink(side.buf);
	}
	strbuf_release(&side);
	free(tmp);
	return rc;
}
