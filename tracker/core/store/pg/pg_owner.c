/* pg_owner.c - owners and the names they go by. */
#include "store/pg/pg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/collate.h"
#include "util/banned.h"

static int lookup_once(struct store_engine *e, const char *alias, int64_t *id,
		       char **canonical, bool *found, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;

	pgp_init(&p);
	pgp_text(&p, alias);
	if (!(res = pg_run(e, "SELECT o.id, o.name FROM owner_alias a JOIN owner o "
			   "ON o.id = a.owner_id WHERE a.alias = $1", &p, "looking up an owner",
			   err)))
		return pg_code(err);
	*found = sym_PQntuples(res) == 1;
	if (*found) {
		*id = pg_int(res, 0, 0);
		if (canonical)
			*canonical = pg_strdup(res, 0, 1);
	}
	sym_PQclear(res);
	return 0;
}

/* An alias, once added, never changes owner: a hit needs no lock; a miss
 * is looked up again under the record's lock (see pg_internal.h). */
int pg_owner_lookup(struct store_engine *e, const char *alias, int64_t *id, char **canonical,
		    struct trk_error *err)
{
	bool found = false;
	int rc = lookup_once(e, alias, id, canonical, &found, err);

	if (!rc && !found && e->in_write && !e->record_locked &&
	    !(rc = pg_lock_record(e, err)))
		rc = lookup_once(e, alias, id, canonical, &found, err);
	if (!rc && !found)
		rc = trk_err_field(err, TRK_ENOTFOUND, "owner", "unknown owner '%s' (see 'tracker "
				   "owners')", alias);
	return rc;
}

int pg_owner_insert(struct store_engine *e, const char *name, int64_t *id,
		    struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;
	int rc;

	if ((rc = pg_lock_record(e, err)))
		return rc;
	pgp_init(&p);
	pgp_text(&p, name);
	if (!(res = pg_run(e, "INSERT INTO owner (name) VALUES ($1) RETURNING id", &p,
			   "adding an owner", err)))
		return pg_code(err);
	*id = pg_int(res, 0, 0);
	sym_PQclear(res);
	return 0;
}

int pg_alias_insert(struct store_engine *e, int64_t owner_id, const char *alias,
		    struct trk_error *err)
{
	struct pg_params p;
	int rc;

	if ((rc = pg_lock_record(e, err)))
		return rc;
	pgp_init(&p);
	pgp_text(&p, alias);
	pgp_int(&p, owner_id);
	return pg_exec(e, "INSERT INTO owner_alias (alias, owner_id) VALUES ($1, $2)", &p,
		       "adding an owner alias", err);
}

static int by_pinyin(const void *a, const void *b)
{
	return collate_zh(*(char *const *)a, *(char *const *)b);
}

/* The aliases of owner `id` other than its name (rows of `al` ordered by
 * owner id, from *next on), in pinyin order as SQLite's COLLATE zh. */
static void take_aliases(const PGresult *al, int *next, int64_t id, struct strlist *out)
{
	while (*next < sym_PQntuples(al) && pg_int(al, *next, 0) < id)
		(*next)++;
	while (*next < sym_PQntuples(al) && pg_int(al, *next, 0) == id)
		strlist_push(out, sym_PQgetvalue(al, (*next)++, 1));
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(*out->items), by_pinyin);
}

int pg_owners_scan(struct store_engine *e, owner_fn fn, void *ctx, struct trk_error *err)
{
	PGresult *res = NULL, *al = NULL;
	struct owner o;
	int next = 0, rc;

	if ((rc = pg_lock_record(e, err)))
		return rc;
	res = pg_run(e, "SELECT o.id, o.name, "
		     "(SELECT alias FROM owner_alias a WHERE a.owner_id = o.id "
		     " ORDER BY length(alias), alias LIMIT 1), "
		     "(SELECT count(*) FROM commitment c WHERE c.owner_id = o.id), "
		     "(SELECT count(*) FROM commitment_coowner co WHERE co.owner_id = o.id) "
		     "FROM owner o ORDER BY o.id", NULL, "listing owners", err);
	if (res)
		al = pg_run(e, "SELECT a.owner_id, a.alias FROM owner_alias a JOIN owner o ON "
			    "o.id = a.owner_id WHERE a.alias <> o.name ORDER BY a.owner_id", NULL,
			    "listing owners", err);
	if (!res || !al)
		rc = pg_code(err);
	for (int i = 0; !rc && i < sym_PQntuples(res); i++) {
		memset(&o, 0, sizeof(o));
		o.name = pg_strdup(res, i, 1);
		take_aliases(al, &next, pg_int(res, i, 0), &o.aliases);
		o.short_name = pg_strdup(res, i, 2);
		o.lead = (int)pg_int(res, i, 3);
		o.co = (int)pg_int(res, i, 4);
		rc = fn(&o, ctx, err);
		owner_release(&o);
	}
	sym_PQclear(res);
	sym_PQclear(al);
	return rc;
}
