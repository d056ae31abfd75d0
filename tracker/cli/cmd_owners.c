/* cmd_owners.c - `tracker owners`: the departments and the names they go
 * by; `owners add NAME`, `owners alias NAME ALIAS`. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "opts.h"
#include "table.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct owner_change {
	const char *name, *alias;
};

static int apply(struct store *st, void *arg, struct trk_error *err)
{
	struct owner_change *o = arg;

	if (!o->alias)
		return store_owner_add(st, o->name, err);
	return store_owner_alias_add(st, o->name, o->alias, err);
}

static void add_owner_row(struct table *t, cJSON *arr, const char *name,
			  const struct strbuf *aliases, int count)
{
	char n[16];
	const char *row[] = { name, n, aliases->buf };

	snprintf(n, sizeof(n), "%d", count);
	if (!arr) {
		table_add(t, row);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddNumberToObject(o, "commitments", count);
	cJSON *a = cJSON_AddArrayToObject(o, "aliases");
	for (const char *p = aliases->buf; *p;) {
		const char *sep = strstr(p, ", ");
		size_t len = sep ? (size_t)(sep - p) : strlen(p);
		char *item = xstrndup(p, len);
		cJSON_AddItemToArray(a, cJSON_CreateString(item));
		free(item);
		p += len + (sep ? 2 : 0);
	}
	cJSON_AddItemToArray(arr, o);
}

static int list_owners(struct store *st, struct cmd_ctx *ctx, bool json, struct trk_error *err)
{
	static const char *headers[] = { "OWNER", "COMMITMENTS", "ALIASES" };
	sqlite3_stmt *s;
	struct table t;
	struct strbuf aliases = STRBUF_INIT;
	cJSON *arr = json ? cJSON_CreateArray() : NULL;
	int rc;

	/* One row per owner; aliases joined in SQL, the count of lead roles. */
	if (sqlite3_prepare_v2(store_db(st), "SELECT o.name, (SELECT count(*) FROM commitment c "
			       "WHERE c.owner_id = o.id), (SELECT group_concat(alias, ', ') FROM "
			       "(SELECT alias FROM owner_alias a WHERE a.owner_id = o.id AND "
			       "a.alias <> o.name ORDER BY alias COLLATE zh)) FROM owner o ORDER BY o.name COLLATE zh",
			       -1, &s, NULL) != SQLITE_OK)
		return store_sqlite_err(st, err, "listing owners");
	table_init(&t, 3, headers, NULL);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		strbuf_reset(&aliases);
		if (sqlite3_column_text(s, 2))
			strbuf_addstr(&aliases, (const char *)sqlite3_column_text(s, 2));
		add_owner_row(&t, arr, (const char *)sqlite3_column_text(s, 0), &aliases,
			      sqlite3_column_int(s, 1));
	}
	rc = rc == SQLITE_DONE ? 0 : store_sqlite_err(st, err, "listing owners");
	sqlite3_finalize(s);
	if (!rc && arr) {
		char *text = cJSON_Print(arr);
		fprintf(ctx->out, "%s\n", text);
		cJSON_free(text);
	} else if (!rc) {
		rc = table_print(&t, ctx->out, false, err);
	}
	cJSON_Delete(arr);
	table_release(&t);
	strbuf_release(&aliases);
	return rc;
}

int cmd_owners(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	const char *pos[3] = { NULL, NULL, NULL };
	bool json = false, help;
	struct opt opts[] = { { "json", OPT_FLAG, &json }, { NULL, 0, NULL } };
	struct owner_change o = { 0 };
	struct store *st;
	int n, rc;

	if ((rc = opts_parse(argc, argv, opts, pos, 0, 3, &n, &help, err)) ||
	    (rc = cmd_store(ctx, &st, err)))
		return rc;
	if (n == 0)
		return list_owners(st, ctx, json, err);
	if (!strcmp(pos[0], "add") && n == 2)
		o.name = pos[1];
	else if (!strcmp(pos[0], "alias") && n == 3)
		o.name = pos[1], o.alias = pos[2];
	else
		return trk_err(err, TRK_EUSAGE, "expected 'owners', 'owners add NAME' or "
			       "'owners alias NAME ALIAS'");
	if ((rc = store_write(st, apply, &o, err)))
		return rc;
	fprintf(ctx->msg, o.alias ? "added alias '%s' for '%s'\n" : "added owner '%s'\n",
		o.alias ? o.alias : o.name, o.name);
	return 0;
}
