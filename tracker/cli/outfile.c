#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "util/banned.h"

int outfile_open(struct outfile *o, const char *path, FILE *fallback, struct trk_error *err)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->f = fallback;
		return 0;
	}
	strbuf_addf(&tmp, "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp.buf)) < 0 || !(o->f = fdopen(fd, "w"))) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(tmp.buf);
		}
		strbuf_release(&tmp);
		return trk_err(err, TRK_EIO, "cannot write '%s': %s", path, strerror(e));
	}
	/* mkstemp makes the file 0600; a report or calendar is for sharing, so
	 * give it the mode a plain fopen() would (0666 less the umask). */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	o->tmp = strbuf_detach(&tmp);
	o->path = strdup(path);
	return 0;
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
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	return rc;
}
