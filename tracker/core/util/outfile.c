#include "util/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "util/banned.h"

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* "BASE.tmp-PID-XXXXXX" (and SQLite's "-journal" beside it): a leftover
 * when PID no longer runs. */
static void sweep_entry(const char *dir, const char *base, const char *name)
{
	size_t n = strlen(base);
	struct strbuf path = STRBUF_INIT;
	char *end;
	long pid;

	if (strncmp(name, base, n) || strncmp(name + n, ".tmp-", 5))
		return;
	pid = strtol(name + n + 5, &end, 10);
	if (end == name + n + 5 || *end != '-' || pid <= 0)
		return;
	if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
		return;
	strbuf_addf(&path, "%s/%s", dir, name);
	unlink(path.buf);
	strbuf_release(&path);
}

void outfile_sweep(const char *path)
{
	char *dir = dir_of(path);
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d)))
		sweep_entry(dir, base_of(path), de->d_name);
	if (d)
		closedir(d);
	free(dir);
}

static int make_temp(const char *path, struct strbuf *tmp, struct trk_error *err)
{
	int fd;

	outfile_sweep(path);
	strbuf_addf(tmp, "%s.tmp-%ld-XXXXXX", path, (long)getpid());
	if ((fd = mkstemp(tmp->buf)) < 0)
		return trk_err(err, TRK_EIO, "cannot write '%s': %s", path, strerror(errno));
	return fd;
}

char *outfile_temp_name(const char *path, struct trk_error *err)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd = make_temp(path, &tmp, err);

	if (fd < 0) {
		strbuf_release(&tmp);
		return NULL;
	}
	close(fd);
	return strbuf_detach(&tmp);
}

int outfile_open(struct outfile *o, const char *path, FILE *fallback, struct trk_error *err)
{
	struct strbuf tmp = STRBUF_INIT;
	mode_t mask;
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->f = fallback;
		return 0;
	}
	if ((fd = make_temp(path, &tmp, err)) < 0) {
		strbuf_release(&tmp);
		return err->code;
	}
	if (!(o->f = fdopen(fd, "w"))) {
		close(fd);
		unlink(tmp.buf);
		strbuf_release(&tmp);
		return trk_err(err, TRK_EIO, "cannot write '%s': %s", path, strerror(errno));
	}
	/* mkstemp makes the file 0600; a report or calendar is for sharing, so
	 * give it the mode a plain fopen() would (0666 less the umask). */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	o->tmp = strbuf_detach(&tmp);
	o->path = xstrdup(path);
	return 0;
}

/* fsync of a directory, so a rename in it survives a crash. */
static void sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int outfile_commit_name(const char *tmp, const char *path, struct trk_error *err)
{
	int fd = open(tmp, O_RDONLY), rc = 0;

	if (fd < 0 || fsync(fd) < 0 || rename(tmp, path) < 0)
		rc = trk_err(err, TRK_EIO, "cannot write '%s': %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	if (rc)
		unlink(tmp);
	else
		sync_dir(path);
	return rc;
}

int outfile_close(struct outfile *o, int rc, struct trk_error *err)
{
	if (!o->path)
		return rc;
	if (!rc && (fflush(o->f) == EOF || fsync(fileno(o->f)) < 0 || ferror(o->f)))
		rc = trk_err(err, TRK_EIO, "cannot write '%s': %s", o->path, strerror(errno));
	if (fclose(o->f) == EOF && !rc)
		rc = trk_err(err, TRK_EIO, "cannot write '%s': %s", o->path, strerror(errno));
	if (!rc && rename(o->tmp, o->path) < 0)
		rc = trk_err(err, TRK_EIO, "cannot write '%s': %s", o->path, strerror(errno));
	if (rc)
		unlink(o->tmp);
	else
		sync_dir(o->path);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	return rc;
}
