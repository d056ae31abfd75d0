/* sqlite_owner.c - owners and the names they go by. */
#include "store/sqlite/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

int sq_owner_lookup(struct store_engine *e, const char *alias, int64_t *id, char **canonical,
		    struct trk_error *err)
{
	sqlite3_stmt *s;
	const char *name;
	int rc;

	if (sq_known_owner(e, alias, id, &name)) {
		if (canonical)
			*canonical = xstrdup(name);
		return 0;
	}
	if ((rc = sq_stmt(e, "SELECT o.id, o.name FROM owner_alias a JOIN owner o "
			  "ON o.id = a.owner_id WHERE a.alias = ?1", &s, err)))
		return rc;
	bind_text(s, 1, alias);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		name = (const char *)sqlite3_column_text(s, 1);
		/* The name is an alias of its owner too. */
		sq_known_owner_put(e, alias, *id, name);
		sq_known_owner_put(e, name, *id, name);
		if (canonical)
			*canonical = column_strdup(s, 1);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = trk_err_field(err, TRK_ENOTFOUND, "owner", "unknown owner '%s' (see 'tracker "
				   "owners')", alias);
	} else {
		rc = sq_err(e, err, "looking up an owner");
	}
	stmt_done(s);
	return rc;
}

int sq_owner_insert(struct store_engine *e, const char *name, int64_t *id,
		    struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT INTO owner (name) VALUES (?1)", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, name);
	if ((rc = sq_exec(e, s, "adding an owner", err)))
		return rc;
	*id = sqlite3_last_insert_rowid(e->db);
	return 0;
}

int sq_alias_insert(struct store_engine *e, int64_t owner_id, const char *alias,
		    struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT INTO owner_alias (alias, owner_id) VALUES (?1, ?2)", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, alias);
	sqlite3_bind_int64(s, 2, owner_id);
	return sq_exec(e, s, "adding an owner alias", err);
}

static void split_aliases(const char *t, struct strlist *out)
{
	while (t && *t) {
		const char *sep = strchr(t, '\x1f');
		size_t n = sep ? (size_t)(sep - t) : strlen(t);
		char *item = xstrndup(t, n);
		strlist_push(out, item);
		free(item);
		t = sep ? sep + 1 : t + n;
	}
}

int sq_owners_scan(struct store_engine *e, owner_fn fn, void *ctx, struct trk_error *err)
{
	sqlite3_stmt *s = NULL;
	struct owner o;
	int rc;

	/* One row per owner: aliases joined, the counts of lead and co-owner roles. */
	if (sq_scan_prepare(e, "SELECT o.name, "
			    "(SELECT group_concat(alias, char(31)) FROM (SELECT alias FROM "
			    " owner_alias a WHERE a.owner_id = o.id AND a.alias <> o.name "
			    " ORDER BY alias COLLATE zh)), "
			    "(SELECT alias FROM owner_alias a WHERE a.owner_id = o.id "
			    " ORDER BY length(alias), alias LIMIT 1), "
			    "(SELECT count(*) FROM commitment c WHERE c.owner_id = o.id), "
			    "(SELECT count(*) FROM commitment_coowner co WHERE co.owner_id = o.id) "
			    "FROM owner o ORDER BY o.id", &s) != SQLITE_OK)
		return sq_err(e, err, "listing owners");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&o, 0, sizeof(o));
		o.name = column_strdup(s, 0);
		split_aliases((const char *)sqlite3_column_text(s, 1), &o.aliases);
		o.short_name = column_strdup(s, 2);
		o.lead = sqlite3_column_int(s, 3);
		o.co = sqlite3_column_int(s, 4);
		rc = fn(&o, ctx, err);
		owner_release(&o);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "listing owners");
out:
	sq_scan_finish(e, s);
	return rc;
}
