/* import.c - the tracker/1 JSON format into the store, in one transaction.
 *
 * The top-level object is walked with json_scan, and each letter is parsed
 * by cJSON on its own, so memory follows the largest letter, not the file. */
#include "record/import.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/date.h"
#include "record/import_internal.h"
#include "util/json_get.h"
#include "util/json_strict.h"
#include "util/json_scan.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define MAX_LETTER_BYTES (256u << 20)
#define MAX_STDIN_BYTES (1024u << 20)

/* Fails at the place `off` in the file: "FILE:LINE: message". */
int import_fail_at(struct importer *imp, size_t off, struct trk_error *err)
{
	return trk_err_prefix(err, "%s:%zu", imp->src->name, json_line_of(imp->src->data, off));
}

static int import_owner(struct importer *imp, const char *name, const struct strlist *aliases,
			struct trk_error *err);

static int parse_slice(struct importer *imp, size_t off, size_t end, const char *what,
		       cJSON **out, struct trk_error *err)
{
	const char *p = imp->src->data + off;

	if (end - off > MAX_LETTER_BYTES) {
		trk_err(err, TRK_EINPUT, "%s is larger than %u MB", what, MAX_LETTER_BYTES >> 20);
		return import_fail_at(imp, off, err);
	}
	*out = cJSON_ParseWithLength(p, end - off);
	if (!*out) {
		const char *bad = cJSON_GetErrorPtr();
		size_t at = bad && bad >= p && bad <= p + (end - off) ? (size_t)(bad - imp->src->data) : off;
		trk_err(err, TRK_EINPUT, "%s: invalid JSON", what);
		return import_fail_at(imp, at, err);
	}
	return 0;
}

static int process_owners(struct importer *imp, const cJSON *owners, size_t off,
			  struct trk_error *err)
{
	static const char *const allowed[] = { "name", "aliases", NULL };
	const cJSON *o;
	int i = 0, rc = 0;

	if (!cJSON_IsArray(owners)) {
		trk_err(err, TRK_EINPUT, "owners: expected a list");
		return import_fail_at(imp, off, err);
	}
	cJSON_ArrayForEach(o, owners) {
		struct strlist aliases = { 0 };
		const char *name = NULL;
		if (!(rc = json_check_members(o, allowed, err)) &&
		    !(rc = json_get_string(o, "name", true, &name, err)) &&
		    !(rc = json_get_strlist(o, "aliases", &aliases, err)) &&
		    !(rc = import_owner(imp, name, &aliases, err)))
			i++;
		strlist_release(&aliases);
		if (rc) {
			trk_err_prefix(err, "owners[%d]", i);
			return import_fail_at(imp, off, err);
		}
	}
	return 0;
}

/* An owner of the file: a name that is already an alias of an owner here
 * means that owner; its aliases are added to it. */
static int import_owner(struct importer *imp, const char *name, const struct strlist *aliases,
			struct trk_error *err)
{
	char *canonical = NULL;
	int rc = 0;

	if (store_owner_resolve(imp->st, name, &canonical, NULL) != 0) {
		if ((rc = store_owner_add(imp->st, imp->actor, name, err)))
			return rc;
		imp->stats->owners_added++;
		canonical = xstrdup(name);
	}
	for (size_t i = 0; i < aliases->n && !rc; i++)
		rc = store_owner_alias_add(imp->st, imp->actor, canonical, aliases->items[i], err);
	free(canonical);
	return rc;
}

struct member_span {
	const char *name;
	size_t off, end;     /* value bytes; off == 0 when absent */
};

/* Gives back the whole pages of a mapped source before offset upto: they
 * are read again from the file if wanted (an error's line number), so the
 * memory an import holds follows one letter, not the file. */
static void release_read(const struct import_source *src, size_t upto)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t from = (uintptr_t)src->data & ~(page - 1);
	uintptr_t to = ((uintptr_t)src->data + upto) & ~(page - 1);

	if (src->mapped && to > from)
		madvise((void *)from, to - from, MADV_DONTNEED);
}

/* json_skip_value() over a list element by element, giving back the pages
 * read as it goes: the letters are most of a file, and finding where they
 * end would otherwise bring all of it into memory at once. */
#define RELEASE_STEP ((size_t)4 << 20)

static size_t skip_value_releasing(const struct import_source *src, size_t at)
{
	const char *d = src->data;
	size_t n = src->len, i = at + json_skip_ws(d + at, n - at), len, released = at;

	if (!src->mapped || i >= n || d[i] != '[')
		return json_skip_value(d + at, n - at);
	for (i++;;) {
		i += json_skip_ws(d + i, n - i);
		if (i < n && d[i] == ']')
			return i + 1 - at;
		if (!(len = json_skip_value(d + i, n - i)))
			return 0;
		i += len;
		if (i - released >= RELEASE_STEP)
			release_read(src, released = i);
		i += json_skip_ws(d + i, n - i);
		if (i < n && d[i] == ',')
			i++;
		else if (!(i < n && d[i] == ']'))
			return 0;
	}
}

/* Walks the top-level object, recording where each known member's value
 * lies, and refusing unknown members and broken structure. */
static int scan_top(struct importer *imp, struct member_span *spans, size_t nspans,
		    struct trk_error *err)
{
	const char *d = imp->src->data;
	size_t n = imp->src->len, i = json_skip_ws(d, n), len;

	if (i == n || d[i] != '{') {
		trk_err(err, TRK_EINPUT, "expected a JSON object at the start");
		return import_fail_at(imp, i < n ? i : 0, err);
	}
	for (i++;;) {
		i += json_skip_ws(d + i, n - i);
		if (i < n && d[i] == '}')
			return 0;
		if (i == n || d[i] != '"' || !(len = json_skip_value(d + i, n - i)))
			goto truncated_or_bad;
		struct member_span *m = NULL;
		for (size_t k = 0; k < nspans; k++)
			if (len - 2 == strlen(spans[k].name) && !memcmp(d + i + 1, spans[k].name, len - 2))
				m = &spans[k];
		if (!m) {
			trk_err(err, TRK_EINPUT, "unknown member %.*s", (int)(len < 60 ? len : 60), d + i);
			return import_fail_at(imp, i, err);
		}
		i += len;
		i += json_skip_ws(d + i, n - i);
		if (i == n || d[i] != ':')
			goto truncated_or_bad;
		i++;
		m->off = i + json_skip_ws(d + i, n - i);
		if (!(len = skip_value_releasing(imp->src, i)))
			goto truncated_or_bad;
		m->end = i + len;
		i = m->end + json_skip_ws(d + m->end, n - m->end);
		if (i < n && d[i] == ',')
			i++;
		else if (!(i < n && d[i] == '}'))
			goto truncated_or_bad;
	}
truncated_or_bad:
	if (i >= n || !json_skip_value(d + i, n - i))
		trk_err(err, TRK_EINPUT, "the file ends in the middle (truncated?)");
	else
		trk_err(err, TRK_EINPUT, "invalid JSON structure");
	return import_fail_at(imp, i < n ? i : n, err);
}

static int check_format(struct importer *imp, const struct member_span *m,
			struct trk_error *err)
{
	cJSON *v;
	int rc;

	if (!m->off) {
		trk_err(err, TRK_EINPUT, "format: missing (expected \"tracker/1\")");
		return import_fail_at(imp, 0, err);
	}
	if ((rc = parse_slice(imp, m->off, m->end, "format", &v, err)))
		return rc;
	if (!cJSON_IsString(v) || strcmp(v->valuestring, "tracker/1")) {
		cJSON_Delete(v);
		trk_err(err, TRK_EINPUT, "format: expected \"tracker/1\"");
		return import_fail_at(imp, m->off, err);
	}
	cJSON_Delete(v);
	return 0;
}


static int import_letters(struct importer *imp, const struct member_span *m,
			  struct trk_error *err)
{
	const char *d = imp->src->data;
	size_t i = m->off + 1, len;
	char what[64];
	int rc;

	if (!m->off || d[m->off] != '[') {
		trk_err(err, TRK_EINPUT, "letters: %s", m->off ? "expected a list" : "missing");
		return import_fail_at(imp, m->off, err);
	}
	for (int index = 0;; index++) {
		i += json_skip_ws(d + i, m->end - i);
		if (d[i] == ']')
			return 0;
		snprintf(what, sizeof(what), "letters[%d]", index);
		len = json_skip_value(d + i, m->end - i);
		cJSON *letter;
		if ((rc = parse_slice(imp, i, i + len, what, &letter, err)))
			return rc;
		imp->elem_off = i;
		imp->elem_len = len;
		rc = import_letter(imp, letter, index, err);
		cJSON_Delete(letter);
		if (rc)
			return rc;
		i += len;
		release_read(imp->src, i);
		i += json_skip_ws(d + i, m->end - i);
		if (d[i] == ',')
			i++;
	}
}

/* "proposed": true marks extract's proposals (see repeats_tracked). */
static int read_proposed(struct importer *imp, const struct member_span *m, struct trk_error *err)
{
	cJSON *v;
	int rc;

	if (!m->off)
		return 0;
	if ((rc = parse_slice(imp, m->off, m->end, "proposed", &v, err)))
		return rc;
	imp->proposed = cJSON_IsTrue(v);
	if (!cJSON_IsBool(v)) {
		cJSON_Delete(v);
		trk_err(err, TRK_EINPUT, "proposed: expected true or false");
		return import_fail_at(imp, m->off, err);
	}
	cJSON_Delete(v);
	return 0;
}

static int import_document(struct importer *imp, struct trk_error *err)
{
	struct member_span spans[] = {
		{ "format", 0, 0 }, { "proposed", 0, 0 }, { "owners", 0, 0 }, { "letters", 0, 0 },
	};
	cJSON *owners;
	int rc;

	if ((rc = scan_top(imp, spans, 4, err)) || (rc = check_format(imp, &spans[0], err)) ||
	    (rc = read_proposed(imp, &spans[1], err)))
		return rc;
	if (spans[2].off) {
		if ((rc = parse_slice(imp, spans[2].off, spans[2].end, "owners", &owners, err)))
			return rc;
		rc = process_owners(imp, owners, spans[2].off, err);
		cJSON_Delete(owners);
		if (rc)
			return rc;
	}
	return import_letters(imp, &spans[3], err);
}

static int run_import(struct store *st, void *arg, struct trk_error *err)
{
	return import_document(arg, err);
}

static void released(void *src, size_t upto)
{
	release_read(src, upto);
}

/* The whole text must be one strict JSON document before any of it is
 * read: "FILE:LINE: PATH: what". */
static int check_strict(struct importer *imp, struct trk_error *err)
{
	struct json_fault f;

	if (json_strict_check_progress(imp->src->data, imp->src->len, &f, released,
				       (void *)imp->src))
		return 0;
	return trk_err(err, TRK_EINPUT, "%s:%zu: %s%sinvalid JSON: %s", imp->src->name, f.line,
		       f.path, *f.path ? ": " : "", f.message);
}

int import_json(struct store *st, const struct actor *a, const struct import_source *src,
		struct import_stats *stats, struct trk_error *err)
{
	struct import_source body = *src;
	struct importer imp = { .st = st, .actor = a, .src = &body, .stats = stats };
	struct import_stats local = { 0 };
	int rc;

	if (!imp.stats)
		imp.stats = &local;
	if (body.len >= 3 && !memcmp(body.data, "\xef\xbb\xbf", 3))
		body.data += 3, body.len -= 3;   /* a BOM from a Windows editor */
	if ((rc = check_strict(&imp, err)))
		return rc;
	release_read(&body, body.len);
	return store_write_bulk(st, run_import, &imp, err);
}

/* Reads standard input whole, refusing more than MAX_STDIN_BYTES. */
static char *read_stdin(size_t *len, struct trk_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (sb.len + n > MAX_STDIN_BYTES) {
			strbuf_release(&sb);
			trk_err(err, TRK_EINPUT, "standard input is larger than %u MB: pass a file",
				MAX_STDIN_BYTES >> 20);
			return NULL;
		}
		strbuf_add(&sb, chunk, n);
	}
	if (ferror(stdin)) {
		strbuf_release(&sb);
		trk_err(err, TRK_EIO, "cannot read standard input: %s", strerror(errno));
		return NULL;
	}
	*len = sb.len;
	return strbuf_detach(&sb);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path + 1)) : xstrdup("./");
}

int import_json_file(struct store *st, const struct actor *a, const char *path,
		     struct import_stats *stats, struct trk_error *err)
{
	struct import_source src = { .name = path };
	void *map = MAP_FAILED;
	char *owned = NULL, *dir = NULL;
	struct stat sb;
	int fd = -1, rc;

	if (!strcmp(path, "-")) {
		if (!(owned = read_stdin(&src.len, err)))
			return err->code;
		src.data = owned;
	} else {
		if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &sb) < 0) {
			rc = trk_err(err, errno == ENOENT ? TRK_ENOTFOUND : TRK_EIO, "cannot read '%s': %s",
				     path, strerror(errno));
			goto out;
		}
		if (sb.st_size == 0) {
			rc = trk_err(err, TRK_EINPUT, "%s: empty file", path);
			goto out;
		}
		/* Mapped, not read: the pages of letters already imported can go. */
		map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map == MAP_FAILED) {
			rc = trk_err(err, TRK_EIO, "cannot map '%s': %s", path, strerror(errno));
			goto out;
		}
		src.data = map;
		src.len = (size_t)sb.st_size;
		src.mapped = true;
		src.base_dir = dir = dir_of(path);
	}
	rc = import_json(st, a, &src, stats, err);
out:
	if (map != MAP_FAILED)
		munmap(map, src.len);
	if (fd >= 0)
		close(fd);
	free(owned);
	free(dir);
	return rc;
}
