/* page_admin.c - /admin, for administrators: the users (add, disable or
 * enable, a new API token shown once), a letter file to import (the
 * tracker/1 format or a proposal of `tracker extract --json`, as POST
 * /api/v1/import takes it), and the owners with their other names (add
 * one). Each form makes the CLI's and the API's store call in one write
 * transaction; a refused form comes back with what was typed and why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/import.h"
#include "server/pages/page.h"
#include "server/route.h"
#include "store/store_user.h"
#include "util/banned.h"

struct admin_view {
	const struct form_view *user, *import, *alias;
	const char *notice;       /* what was done */
	const char *secret;       /* a new token, shown once */
};

/* ---- users --------------------------------------------------------------------------------- */

static void user_button(struct page *pg, const char *name, const char *action, const char *label,
			bool secondary)
{
	html_raw(pg->sb, "<form class=\"inline\" method=\"post\" action=\"");
	html_href(pg->sb, "/admin/users/", name, action);
	html_raw(pg->sb, "\">");
	page_csrf(pg);
	html_raw(pg->sb, secondary ? "<button type=\"submit\" class=\"secondary\">"
		 : "<button type=\"submit\">");
	html_text(pg->sb, label);
	html_raw(pg->sb, "</button></form> ");
}

static void join(struct page *pg, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		html_text(pg->sb, i ? "、" : "");
		html_text(pg->sb, l->items[i]);
	}
}

static int user_row(const struct user *u, void *arg, struct trk_error *err)
{
	struct page *pg = arg;
	const char *role = u->role == ROLE_ADMIN ? tr(pg, "管理员", "administrator")
			   : u->role == ROLE_DEPARTMENT ? tr(pg, "部门", "department")
			   : tr(pg, "只读", "viewer");

	(void)err;
	html_raw(pg->sb, "<tr><td>");
	html_text(pg->sb, u->name);
	html_raw(pg->sb, "</td><td>");
	html_text(pg->sb, role);
	html_raw(pg->sb, "</td><td>");
	join(pg, u->role == ROLE_DEPARTMENT ? &u->owners : &u->letters);
	html_raw(pg->sb, "</td><td>");
	html_text(pg->sb, u->disabled ? tr(pg, "已停用", "disabled") : tr(pg, "正常", "active"));
	html_raw(pg->sb, "</td><td>");
	html_text(pg->sb, u->has_password ? tr(pg, "有", "yes") : tr(pg, "无", "no"));
	html_raw(pg->sb, "</td><td class=\"acts\">");
	if (strcmp(u->name, pg->r->user.name) != 0)
		user_button(pg, u->name, u->disabled ? "/enable" : "/disable",
			    u->disabled ? tr(pg, "启用", "Enable") : tr(pg, "停用", "Disable"), true);
	user_button(pg, u->name, "/token", tr(pg, "新 API 令牌", "New API token"), true);
	html_raw(pg->sb, "</td></tr>\n");
	return 0;
}

static int users(struct page *pg)
{
	static const char *const zh[] = { "用户", "角色", "范围", "状态", "密码", "操作", NULL };
	static const char *const en[] = { "User", "Role", "Scope", "State", "Password", "Actions",
					  NULL };
	struct trk_error err;

	html_raw(pg->sb, "<section aria-labelledby=\"users\"><h2 id=\"users\">");
	html_text(pg->sb, tr(pg, "用户", "Users"));
	html_raw(pg->sb, "</h2><div class=\"scroll\"><table><thead><tr>");
	for (const char *const *h = pg->lang[0] == 'e' ? en : zh; *h; h++) {
		html_raw(pg->sb, "<th scope=\"col\">");
		html_text(pg->sb, *h);
		html_raw(pg->sb, "</th>");
	}
	html_raw(pg->sb, "</tr></thead><tbody>");
	if (store_users(pg->r->st, user_row, pg, &err))
		return resp_trk_error(pg->r, &err), -1;
	html_raw(pg->sb, "</tbody></table></div></section>");
	return 0;
}

static void form_head(struct page *pg, const char *id, const char *zh, const char *en,
		      const char *action)
{
	html_raw(pg->sb, "<section class=\"card\" aria-labelledby=\"");
	html_raw(pg->sb, id);
	html_raw(pg->sb, "\"><h2 id=\"");
	html_raw(pg->sb, id);
	html_raw(pg->sb, "\">");
	html_text(pg->sb, tr(pg, zh, en));
	html_raw(pg->sb, "</h2><form method=\"post\" class=\"stack\" action=\"");
	html_raw(pg->sb, action);
	html_raw(pg->sb, "\">");
	page_csrf(pg);
}

static void form_foot(struct page *pg, const char *zh, const char *en)
{
	html_raw(pg->sb, "<div class=\"actions\"><button type=\"submit\">");
	html_text(pg->sb, tr(pg, zh, en));
	html_raw(pg->sb, "</button></div></form></section>");
}

static void add_user_form(struct page *pg, const struct form_view *v)
{
	static const char *const names[] = { "name", "role", "owner", "letter", "password", NULL };
	const char *roles[] = { "department", tr(pg, "部门（报送本单位的承诺）", "department (reports its own)"),
				"viewer", tr(pg, "只读（领导、代表）", "viewer (leaders, deputies)"),
				"admin", tr(pg, "管理员", "administrator"), NULL };
	struct field f[] = {
		{ "name", tr(pg, "用户名", "User name"), "text", NULL, NULL, NULL, true },
		{ "role", tr(pg, "角色", "Role"), "select", "department", roles, NULL, true },
		{ "owner", tr(pg, "责任单位（部门用户）", "Owner (a department)"), "text", NULL, NULL,
		  tr(pg, "如：经信局", "e.g. 经信局"), false },
		{ "letter", tr(pg, "限定来函（只读用户，可不填）", "Letter (a viewer; optional)"), "text",
		  NULL, NULL, tr(pg, "文号，如：211", "a 文号, e.g. 211"), false },
		{ "password", tr(pg, "密码", "Password"), "password", NULL, NULL, NULL, false },
	};

	form_head(pg, "add-user", "添加用户", "Add a user", "/admin/users");
	html_form_error(pg->sb, v, names);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		html_field(pg->sb, "user", &f[i], v);
	form_foot(pg, "添加", "Add");
}

static void import_form(struct page *pg, const struct form_view *v)
{
	static const char *const names[] = { "document", NULL };
	struct field f = { "document", tr(pg, "答复函文件（JSON）", "The letter file (JSON)"), "textarea",
			   NULL, NULL, tr(pg, "tracker/1 格式，或 tracker extract --json 的结果；粘贴全文",
					  "the tracker/1 format, or what tracker extract --json "
					  "proposes; paste it whole"), true };

	form_head(pg, "import", "导入答复函", "Import a letter", "/admin/import");
	html_form_error(pg->sb, v, names);
	/* shown by app.js, which reads the file into the text box below */
	html_raw(pg->sb, "<div class=\"field\" hidden><label for=\"import-file\">");
	html_text(pg->sb, tr(pg, "选择文件", "Choose a file"));
	html_raw(pg->sb, "</label><input type=\"file\" id=\"import-file\" accept=\".json,application/json\">"
		 "</div>");
	html_field(pg->sb, "import", &f, v);
	form_foot(pg, "导入", "Import");
}

static int owner_row(const struct owner *o, void *arg, struct trk_error *err)
{
	struct page *pg = arg;

	(void)err;
	html_raw(pg->sb, "<tr><td>");
	html_text(pg->sb, o->name);
	html_raw(pg->sb, "</td><td>");
	join(pg, &o->aliases);
	strbuf_addf(pg->sb, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n", o->lead,
		    o->co);
	return 0;
}

static int owners(struct page *pg, const struct form_view *v)
{
	static const char *const names[] = { "owner", "alias", NULL };
	struct field f[] = {
		{ "owner", tr(pg, "责任单位", "Owner"), "text", NULL, NULL, NULL, true },
		{ "alias", tr(pg, "别名", "Other name"), "text", NULL, NULL, NULL, true },
	};
	struct trk_error err;

	html_raw(pg->sb, "<section aria-labelledby=\"owners\"><h2 id=\"owners\">");
	html_text(pg->sb, tr(pg, "责任单位及别名", "Owners and their other names"));
	html_raw(pg->sb, "</h2><div class=\"scroll\"><table><thead><tr><th scope=\"col\">");
	html_text(pg->sb, tr(pg, "名称", "Name"));
	html_raw(pg->sb, "</th><th scope=\"col\">");
	html_text(pg->sb, tr(pg, "别名", "Other names"));
	html_raw(pg->sb, "</th><th scope=\"col\">");
	html_text(pg->sb, tr(pg, "主办", "Leads"));
	html_raw(pg->sb, "</th><th scope=\"col\">");
	html_text(pg->sb, tr(pg, "协办", "Co-owns"));
	html_raw(pg->sb, "</th></tr></thead><tbody>");
	if (store_owners(pg->r->st, owner_row, pg, &err))
		return resp_trk_error(pg->r, &err), -1;
	html_raw(pg->sb, "</tbody></table></div></section>");
	form_head(pg, "add-alias", "添加别名", "Add another name", "/admin/aliases");
	html_form_error(pg->sb, v, names);
	for (size_t i = 0; i < 2; i++)
		html_field(pg->sb, "alias", &f[i], v);
	form_foot(pg, "添加", "Add");
	return 0;
}

static int render(struct request *r, const struct admin_view *v, int status)
{
	struct page pg;

	page_init(&pg, r);
	page_begin(&pg, tr(&pg, "管理", "Admin"));
	html_raw(pg.sb, "<h1>");
	html_text(pg.sb, tr(&pg, "管理", "Administration"));
	html_raw(pg.sb, "</h1>");
	if (v->notice) {
		html_raw(pg.sb, "<p class=\"notice\" role=\"status\">");
		html_text(pg.sb, v->notice);
		html_raw(pg.sb, "</p>");
	}
	if (v->secret) {
		html_raw(pg.sb, "<p><label for=\"secret\">");
		html_text(pg.sb, tr(&pg, "新令牌（只显示这一次）", "The new token (shown this once)"));
		html_raw(pg.sb, "</label><input id=\"secret\" class=\"secret\" readonly value=\"");
		html_text(pg.sb, v->secret);
		html_raw(pg.sb, "\"></p>");
	}
	if (users(&pg))
		return -1;
	html_raw(pg.sb, "<div class=\"cols2\">");
	add_user_form(&pg, v->user);
	import_form(&pg, v->import);
	html_raw(pg.sb, "</div>");
	if (owners(&pg, v->alias))
		return -1;
	return page_end(&pg, status);
}

static int show(struct request *r)
{
	struct admin_view v = { 0 };
	const char *done = req_query(r, "done");
	struct page pg;

	page_init(&pg, r);
	if (done && !strcmp(done, "user"))
		v.notice = tr(&pg, "已保存。", "Saved.");
	else if (done && !strcmp(done, "import"))
		v.notice = tr(&pg, "已导入。", "Imported.");
	else if (done && !strcmp(done, "alias"))
		v.notice = tr(&pg, "别名已添加。", "The name is added.");
	return render(r, &v, 200);
}

/* ---- the forms ------------------------------------------------------------------------------ */

/* A refused admin form: the page again with the error beside its field. */
static int refused(struct request *r, const struct form *f, const struct trk_error *err,
		   int which)
{
	struct form_view fv = { f, err };
	struct admin_view v = { 0 };

	if (http_status_of(err->code) >= 500)
		return resp_trk_error(r, err);
	if (which == 0)
		v.user = &fv;
	else if (which == 1)
		v.import = &fv;
	else
		v.alias = &fv;
	return render(r, &v, http_status_of(err->code));
}

struct user_add {
	const struct actor *a;
	struct user u;
	const char *password;
};

static int apply_user_add(struct store *st, void *arg, struct trk_error *err)
{
	struct user_add *x = arg;

	return store_user_add(st, x->a, &x->u, x->password, err);
}

static int add_user(struct request *r)
{
	struct user_add x = { .a = &r->actor };
	const char *role, *owner, *letter;
	struct trk_error err;
	struct form f;
	int rc = -1, rv;

	user_init(&x.u);
	if (form_read(r, &f))
		goto out;
	role = form_nonempty(&f, "role");
	owner = form_nonempty(&f, "owner");
	letter = form_nonempty(&f, "letter");
	x.u.name = xstrdup(form_nonempty(&f, "name"));
	x.password = form_nonempty(&f, "password");
	if (!role || (rv = role_parse(role)) < 0) {
		rc = trk_err_field(&err, TRK_EINPUT, "role", "choose department, viewer or admin");
	} else {
		x.u.role = (enum role)rv;
		if (owner && x.u.role == ROLE_DEPARTMENT)
			strlist_push(&x.u.owners, owner);
		if (letter && x.u.role == ROLE_VIEWER)
			strlist_push(&x.u.letters, letter);
		rc = store_write(r->st, apply_user_add, &x, &err);
	}
	rc = rc ? refused(r, &f, &err, 0) : resp_redirect(r, "/admin?done=user");
out:
	user_release(&x.u);
	form_release(&f);
	return rc;
}

struct user_change {
	const struct actor *a;
	const char *name;
	bool disable;
	char *secret, *id;     /* a new token */
};

static int apply_disable(struct store *st, void *arg, struct trk_error *err)
{
	struct user_change *x = arg;

	return store_user_disable(st, x->a, x->name, x->disable, err);
}

static int apply_token(struct store *st, void *arg, struct trk_error *err)
{
	struct user_change *x = arg;

	return store_token_issue(st, x->a, x->name, TOKEN_API, &x->secret, &x->id, err);
}

static int change_user(struct request *r, store_txn_fn fn, bool disable)
{
	struct user_change x = { &r->actor, r->params[0], disable, NULL, NULL };
	struct admin_view v = { 0 };
	struct trk_error err;
	struct form f;
	int rc = -1;

	if (form_read(r, &f))
		goto out;
	if (store_write(r->st, fn, &x, &err))
		rc = resp_trk_error(r, &err);
	else if (x.secret) {
		v.secret = x.secret;
		rc = render(r, &v, 200);
	} else
		rc = resp_redirect(r, "/admin?done=user");
out:
	free(x.secret);
	free(x.id);
	form_release(&f);
	return rc;
}

static int disable_user(struct request *r)
{
	return change_user(r, apply_disable, true);
}

static int enable_user(struct request *r)
{
	return change_user(r, apply_disable, false);
}

static int new_token(struct request *r)
{
	return change_user(r, apply_token, false);
}

/* Import reads no file of the server's disk: the text is in the document. */
static char *no_files(const char *base, const char *name, size_t *len, void *ctx,
		      struct trk_error *err)
{
	(void)base, (void)len, (void)ctx;
	trk_err_field(err, TRK_EINPUT, "text_file", "'%.60s': files are not read over HTTP; "
		      "put the letter's text in its text member", name);
	return NULL;
}

static int import(struct request *r)
{
	struct import_stats n = { 0 };
	struct trk_error err;
	struct form f;
	const char *doc;
	int rc = -1;

	if (form_read(r, &f))
		goto out;
	doc = form_get(&f, "document");
	struct import_source src = { .name = "document", .data = doc ? doc : "",
				     .len = doc ? strlen(doc) : 0, .load_text = no_files };
	if (import_json(r->st, &r->actor, &src, &n, &err)) {
		/* the document's error names a place in it: shown beside it */
		snprintf(err.field, sizeof(err.field), "document");
		rc = refused(r, &f, &err, 1);
	} else {
		rc = resp_redirect(r, "/admin?done=import");
	}
out:
	form_release(&f);
	return rc;
}

struct alias_add {
	const struct actor *a;
	const char *owner, *alias;
};

static int apply_alias(struct store *st, void *arg, struct trk_error *err)
{
	struct alias_add *x = arg;

	return store_owner_alias_add(st, x->a, x->owner, x->alias, err);
}

static int add_alias(struct request *r)
{
	struct alias_add x = { &r->actor, NULL, NULL };
	struct trk_error err;
	struct form f;
	int rc = -1;

	if (form_read(r, &f))
		goto out;
	x.owner = form_nonempty(&f, "owner");
	x.alias = form_nonempty(&f, "alias");
	if (!x.owner)
		rc = trk_err_field(&err, TRK_EINPUT, "owner", "missing");
	else if (!x.alias)
		rc = trk_err_field(&err, TRK_EINPUT, "alias", "missing");
	else
		rc = store_write(r->st, apply_alias, &x, &err);
	rc = rc ? refused(r, &f, &err, 2) : resp_redirect(r, "/admin?done=alias");
out:
	form_release(&f);
	return rc;
}

const struct route route_page_admin = {
	"GET", "/admin", ACCESS_ADMIN, ROUTE_PAGE, "users, letters and owners", show,
};
const struct route route_page_user_add = {
	"POST", "/admin/users", ACCESS_ADMIN, ROUTE_PAGE, "add a user (a form)", add_user,
};
const struct route route_page_user_disable = {
	"POST", "/admin/users/{name}/disable", ACCESS_ADMIN, ROUTE_PAGE, "disable a user",
	disable_user,
};
const struct route route_page_user_enable = {
	"POST", "/admin/users/{name}/enable", ACCESS_ADMIN, ROUTE_PAGE, "enable a user",
	enable_user,
};
const struct route route_page_user_token = {
	"POST", "/admin/users/{name}/token", ACCESS_ADMIN, ROUTE_PAGE,
	"a new API token for a user (shown once)", new_token,
};
const struct route route_page_import = {
	"POST", "/admin/import", ACCESS_ADMIN, ROUTE_PAGE, "import a letter file (a form)", import,
};
const struct route route_page_alias_add = {
	"POST", "/admin/aliases", ACCESS_ADMIN, ROUTE_PAGE, "add another name of an owner",
	add_alias,
};
