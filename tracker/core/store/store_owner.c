#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_internal.h"
#include "util/strbuf.h"
#include "util/banned.h"

int store_owner_id(struct store *st, const char *name, int64_t *id, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "SELECT owner_id FROM owner_alias WHERE alias = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = trk_err(err, TRK_ENOTFOUND, "unknown owner '%s' (see 'tracker owners')", name);
	} else {
		rc = store_sqlite_err(st, err, "looking up an owner");
	}
	stmt_done(s);
	return rc;
}

int store_owner_resolve(struct store *st, const char *name_or_alias, char **canonical,
			struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "SELECT o.name FROM owner_alias a JOIN owner o ON o.id = a.owner_id "
			    "WHERE a.alias = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, name_or_alias);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*canonical = column_strdup(s, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = trk_err(err, TRK_ENOTFOUND, "unknown owner '%s' (see 'tracker owners')",
			     name_or_alias);
	} else {
		rc = store_sqlite_err(st, err, "looking up an owner");
	}
	stmt_done(s);
	return rc;
}

static int insert_alias(struct store *st, int64_t owner_id, const char *alias,
			struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "INSERT INTO owner_alias (alias, owner_id) VALUES (?1, ?2) "
			    "ON CONFLICT (alias) DO NOTHING", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, alias);
	sqlite3_bind_int64(s, 2, owner_id);
	return stmt_exec(st, s, "adding an owner alias", err);
}

int store_owner_add(struct store *st, const char *name, struct trk_error *err)
{
	sqlite3_stmt *s;
	int64_t id;
	int rc;

	if (!name || !*name)
		return trk_err(err, TRK_EINPUT, "owner: empty name");
	if ((rc = text_check(name, strlen(name), "owner", err)))
		return rc;
	if (store_owner_id(st, name, &id, NULL) == 0)
		return 0;
	if ((rc = store_stmt(st, "INSERT INTO owner (name) VALUES (?1)", &s, err)))
		return rc;
	bind_text(s, 1, name);
	if ((rc = stmt_exec(st, s, "adding an owner", err)))
		return rc;
	return insert_alias(st, sqlite3_last_insert_rowid(store_db(st)), name, err);
}

int store_owner_alias_add(struct store *st, const char *owner, const char *alias,
			  struct trk_error *err)
{
	int64_t id, other;
	int rc;

	if (!alias || !*alias)
		return trk_err(err, TRK_EINPUT, "alias: empty name");
	if ((rc = text_check(alias, strlen(alias), "alias", err)) ||
	    (rc = store_owner_id(st, owner, &id, err)))
		return rc;
	if (store_owner_id(st, alias, &other, NULL) == 0) {
		if (other == id)
			return 0;
		return trk_err(err, TRK_ECONFLICT, "alias '%s' already names another owner", alias);
	}
	return insert_alias(st, id, alias, err);
}
