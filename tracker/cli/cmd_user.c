/* cmd_user.c - `tracker user ...`: the people who sign in to `tracker
 * serve`. Whoever can open the database file is its administrator, so these
 * commands act as a local administrator (the store journals them under the
 * account name). A token or feed address is printed once, on stdout; only
 * its hash is kept. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "table.h"
#include "record/record_json.h"
#include "store/store_user.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct user_opts {
	const char *role;
	struct strlist owners;
	struct strlist letters;
	bool password;
	bool json;
	const char *url;
	const char *by;
};

#define BY_OPTION \
	{ "by", OPT_STRING, offsetof(struct user_opts, by), "NAME", "the administrator " \
	  "recorded (default: your account name)", VAL_TEXT, NULL }
#define END_OPTIONS { NULL, 0, 0, NULL, NULL, 0, NULL }
#define DEFAULT_URL "http://127.0.0.1:8080"

static const struct option_spec add_options[] = {
	{ "role", OPT_STRING, offsetof(struct user_opts, role), "ROLE", "admin, department "
	  "or viewer", VAL_ROLE, "admin|department|viewer" },
	{ "owner", OPT_LIST, offsetof(struct user_opts, owners), "OWNER", "a department the "
	  "user reports for (department users)", VAL_OWNER, NULL },
	{ "letter", OPT_LIST, offsetof(struct user_opts, letters), "DOCNO", "limit a viewer to "
	  "this letter", VAL_LETTER, NULL },
	{ "password", OPT_FLAG, offsetof(struct user_opts, password), NULL, "also set a password "
	  "for the web page (asked on the terminal, or one line of stdin)", VAL_TEXT, NULL },
	BY_OPTION,
	END_OPTIONS,
};

static const struct option_spec list_options[] = {
	{ "json", OPT_FLAG, offsetof(struct user_opts, json), NULL, "as JSON", VAL_TEXT, NULL },
	END_OPTIONS,
};

static const struct option_spec by_options[] = {
	BY_OPTION,
	END_OPTIONS,
};

static const struct option_spec feed_options[] = {
	{ "url", OPT_STRING, offsetof(struct user_opts, url), "URL", "the server's address as "
	  "calendar programs reach it (default " DEFAULT_URL ")", VAL_TEXT, NULL },
	BY_OPTION,
	END_OPTIONS,
};

static const struct arg_spec name_arg[] = {
	{ "NAME", VAL_USER, false, false, NULL },
	{ NULL, 0, false, false, NULL },
};

static const struct arg_spec optional_name_arg[] = {
	{ "NAME", VAL_USER, true, false, NULL },
	{ NULL, 0, false, false, NULL },
};

static const struct arg_spec token_arg[] = {
	{ "TOKEN-ID", VAL_TEXT, false, false, NULL },
	{ NULL, 0, false, false, NULL },
};

/* ---- reading a password ------------------------------------------------------ */

static int read_line(FILE *in, struct strbuf *sb, struct trk_error *err)
{
	int ch;

	strbuf_reset(sb);
	while ((ch = getc(in)) != EOF && ch != '\n')
		strbuf_addch(sb, (char)ch);
	if (ch == EOF && sb->len == 0)
		return trk_err_field(err, TRK_EINPUT, "password", "none given on stdin");
	if (sb->len && sb->buf[sb->len - 1] == '\r')
		strbuf_setlen(sb, sb->len - 1);
	return 0;
}

/* Asks on the terminal without echo (twice, to catch a typing slip), or
 * reads one line when stdin is not a terminal (a script, a pipe). */
static int ask_password(struct cmd_ctx *ctx, const char *name, struct strbuf *out,
			struct trk_error *err)
{
	struct strbuf again = STRBUF_INIT;
	struct termios old, quiet;
	int rc;

	if (!isatty(STDIN_FILENO))
		return read_line(stdin, out, err);
	if (tcgetattr(STDIN_FILENO, &old))
		return trk_err(err, TRK_EIO, "cannot read the terminal: %s", strerror(errno));
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	fprintf(ctx->msg, _("password for %s: "), name);
	rc = read_line(stdin, out, err);
	fprintf(ctx->msg, "\n%s", _("again: "));
	if (!rc)
		rc = read_line(stdin, &again, err);
	fputc('\n', ctx->msg);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	if (!rc && strcmp(out->buf, again.buf))
		rc = trk_err_field(err, TRK_EINPUT, "password", "the two passwords differ");
	strbuf_release(&again);
	return rc;
}

/* ---- writes ------------------------------------------------------------------ */

enum user_change { ADD, DISABLE, ENABLE, TOKEN, FEED, REVOKE, PASSWORD };

struct user_write {
	enum user_change what;
	const struct actor *a;
	const struct user *u;
	const char *name;
	const char *password;
	char *secret, *token_id;
};

static int apply(struct store *st, void *arg, struct trk_error *err)
{
	struct user_write *w = arg;
	int rc;

	switch (w->what) {
	case ADD:
		if ((rc = store_user_add(st, w->a, w->u, w->password, err)))
			return rc;
		return store_token_issue(st, w->a, w->u->name, TOKEN_API, &w->secret,
					 &w->token_id, err);
	case DISABLE:
	case ENABLE:
		return store_user_disable(st, w->a, w->name, w->what == DISABLE, err);
	case TOKEN:
	case FEED:
		return store_token_issue(st, w->a, w->name, w->what == FEED ? TOKEN_FEED
					 : TOKEN_API, &w->secret, &w->token_id, err);
	case REVOKE:
		return store_token_revoke(st, w->a, w->name, err);
	case PASSWORD:
		return store_user_password(st, w->a, w->name, w->password, err);
	}
	return trk_err(err, TRK_EINTERNAL, "unknown user change");
}

static int write_user(struct cmd_ctx *ctx, const struct user_opts *o, struct user_write *w,
		      struct trk_error *err)
{
	struct actor a;
	struct store *st;
	int rc;

	cmd_actor(ctx, o->by, &a);
	w->a = &a;
	if (!(rc = cmd_store(ctx, &st, err)))
		rc = store_write(st, apply, w, err);
	return rc;
}

static void forget(struct user_write *w)
{
	free(w->secret);
	free(w->token_id);
}

static int run_add(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		   struct trk_error *err)
{
	struct user_opts *o = opts;
	struct user u = { .name = args[0] };
	struct user_write w = { .what = ADD, .u = &u };
	struct strbuf password = STRBUF_INIT;
	int role = o->role ? role_parse(o->role) : -1, rc;

	(void)nargs;
	if (role < 0)
		return trk_err_field(err, TRK_EUSAGE, "role", "%s%s%s: give --role admin, "
				     "department or viewer", o->role ? "'" : "", o->role ? o->role
				     : "missing", o->role ? "'" : "");
	u.role = (enum role)role;
	u.owners = o->owners;
	u.letters = o->letters;
	if (o->password && (rc = ask_password(ctx, u.name, &password, err)))
		return rc;
	w.password = o->password ? password.buf : NULL;
	if (!(rc = write_user(ctx, o, &w, err))) {
		fprintf(ctx->out, "%s\n", w.secret);
		fprintf(ctx->msg, _("added %s %s; its API token (shown once) is above, id %s\n"),
			role_name(u.role), u.name, w.token_id);
	}
	strbuf_release(&password);
	forget(&w);
	return rc;
}

static int run_simple(struct cmd_ctx *ctx, void *opts, const char *name,
		      enum user_change what, struct trk_error *err)
{
	struct user_write w = { .what = what, .name = name };
	int rc = write_user(ctx, opts, &w, err);

	if (!rc && (what == TOKEN))
		fprintf(ctx->out, "%s\n", w.secret);
	if (!rc)
		fprintf(ctx->msg, what == DISABLE ? _("disabled %s: its tokens and sessions no "
			"longer work\n") : what == ENABLE ? _("enabled %s\n") : what == REVOKE
			? _("revoked token %s\n") : _("new API token for %s (shown once) above; "
			"older tokens keep working until revoked\n"), name);
	forget(&w);
	return rc;
}

static int run_disable(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		       struct trk_error *err)
{
	(void)nargs;
	return run_simple(ctx, opts, args[0], DISABLE, err);
}

static int run_enable(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		      struct trk_error *err)
{
	(void)nargs;
	return run_simple(ctx, opts, args[0], ENABLE, err);
}

static int run_token(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		     struct trk_error *err)
{
	(void)nargs;
	return run_simple(ctx, opts, args[0], TOKEN, err);
}

static int run_revoke(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		      struct trk_error *err)
{
	(void)nargs;
	return run_simple(ctx, opts, args[0], REVOKE, err);
}

/* A feed address holds its secret, which the store does not keep: each
 * call issues a new one (older ones keep working until revoked). */
static int run_feed(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		    struct trk_error *err)
{
	struct user_opts *o = opts;
	struct user_write w = { .what = FEED, .name = args[0] };
	const char *url = o->url && *o->url ? o->url : DEFAULT_URL;
	size_t n = strlen(url);
	int rc;

	(void)nargs;
	while (n > 0 && url[n - 1] == '/')
		n--;
	if (!(rc = write_user(ctx, o, &w, err))) {
		fprintf(ctx->out, "%.*s/calendar/%s.ics\n", (int)n, url, w.secret);
		fprintf(ctx->msg, _("calendar address for %s (token id %s): subscribe to it in "
			"a calendar program; it shows the deadlines %s may see\n"), args[0],
			w.token_id, args[0]);
	}
	forget(&w);
	return rc;
}

static int run_password(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
			struct trk_error *err)
{
	struct user_write w = { .what = PASSWORD, .name = args[0] };
	struct strbuf password = STRBUF_INIT;
	int rc;

	(void)nargs;
	if (!(rc = ask_password(ctx, args[0], &password, err))) {
		w.password = password.buf;
		rc = write_user(ctx, opts, &w, err);
	}
	if (!rc)
		fprintf(ctx->msg, _("password set for %s\n"), args[0]);
	strbuf_release(&password);
	forget(&w);
	return rc;
}

/* ---- listing ------------------------------------------------------------------- */

struct user_listing {
	struct store *st;
	struct table t;
	struct jsonw w;
	struct strbuf sb;
	bool json;
};

static int count_live(const struct token *t, void *arg, struct trk_error *err)
{
	(void)err;
	if (!t->revoked_at)
		(*(int *)arg)++;
	return 0;
}

static int add_user(const struct user *u, void *arg, struct trk_error *err)
{
	struct user_listing *x = arg;
	struct strbuf scope = STRBUF_INIT, tokens = STRBUF_INIT;
	const struct strlist *l = u->role == ROLE_VIEWER ? &u->letters : &u->owners;
	int live = 0, rc;

	if (x->json) {
		json_user(&x->w, NULL, u);
		return 0;
	}
	if ((rc = store_tokens(x->st, u->name, count_live, &live, err)))
		return rc;
	for (size_t i = 0; i < l->n; i++)
		strbuf_addf(&scope, "%s%s", i ? ", " : "", l->items[i]);
	if (u->role == ROLE_VIEWER && !l->n)
		strbuf_addstr(&scope, _("(all letters)"));
	strbuf_addf(&tokens, "%d", live);
	const char *row[] = { u->name, role_name(u->role), scope.buf, tokens.buf,
			      u->has_password ? _("yes") : _("no"),
			      u->disabled ? _("disabled") : _("active") };
	table_add(&x->t, row);
	strbuf_release(&scope);
	strbuf_release(&tokens);
	return 0;
}

static int run_list(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		    struct trk_error *err)
{
	static const char *headers[] = { N_("USER"), N_("ROLE"), N_("SCOPE"), N_("TOKENS"),
					     N_("PASSWORD"), N_("STATE") };
	struct user_listing x = { .json = ((const struct user_opts *)opts)->json,
				  .sb = STRBUF_INIT };
	int rc;

	(void)args, (void)nargs;
	table_init(&x.t, 6, headers, NULL);
	jsonw_init(&x.w, &x.sb, true);
	jsonw_array(&x.w, NULL);
	if (!(rc = cmd_store(ctx, &x.st, err)) && !(rc = store_users(x.st, add_user, &x, err))) {
		if (x.json) {
			jsonw_end(&x.w);
			strbuf_addch(&x.sb, '\n');
			if (fwrite(x.sb.buf, 1, x.sb.len, ctx->out) != x.sb.len)
				rc = trk_err(err, TRK_EIO, "cannot write output: %s", strerror(errno));
		} else if (x.t.nrows == 0) {
			fprintf(ctx->msg, _("no users yet (add one with 'tracker user add')\n"));
		} else {
			rc = table_print(&x.t, ctx->out, false, err);
		}
	}
	table_release(&x.t);
	strbuf_release(&x.sb);
	return rc;
}

static int add_token(const struct token *t, void *arg, struct trk_error *err)
{
	struct user_listing *x = arg;

	(void)err;
	if (x->json) {
		json_token(&x->w, NULL, t);
		return 0;
	}
	const char *row[] = { t->id, t->user, token_kind_name(t->kind), t->created_at,
			      t->revoked_at ? t->revoked_at : "-" };
	table_add(&x->t, row);
	return 0;
}

static int run_tokens(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		      struct trk_error *err)
{
	static const char *headers[] = { N_("ID"), N_("USER"), N_("KIND"), N_("ISSUED"),
					     N_("REVOKED") };
	struct user_listing x = { .json = ((const struct user_opts *)opts)->json,
				  .sb = STRBUF_INIT };
	int rc;

	table_init(&x.t, 5, headers, NULL);
	jsonw_init(&x.w, &x.sb, true);
	jsonw_array(&x.w, NULL);
	if (!(rc = cmd_store(ctx, &x.st, err)) &&
	    !(rc = store_tokens(x.st, nargs ? args[0] : NULL, add_token, &x, err))) {
		if (x.json) {
			jsonw_end(&x.w);
			strbuf_addch(&x.sb, '\n');
			if (fwrite(x.sb.buf, 1, x.sb.len, ctx->out) != x.sb.len)
				rc = trk_err(err, TRK_EIO, "cannot write output: %s", strerror(errno));
		} else {
			rc = table_print(&x.t, ctx->out, false, err);
		}
	}
	table_release(&x.t);
	strbuf_release(&x.sb);
	return rc;
}

/* ---- the table entries ---------------------------------------------------------- */

#define USER_COMMAND(cname, csummary, cargs, copts, crun) { \
	.name = cname, .summary = csummary, .args = cargs, .options = copts, \
	.opts_size = sizeof(struct user_opts), .run = crun }

const struct command cmd_user_add = {
	.name = "user add",
	.summary = "add a user of the server and print its API token (once)",
	.args = name_arg,
	.options = add_options,
	.opts_size = sizeof(struct user_opts),
	.description = "An administrator reads and writes everything and manages users; a "
		       "department reads everything and writes the commitments its owners lead or "
		       "co-own; a viewer reads (only the letters given with --letter, if any).",
	.run = run_add,
};
const struct command cmd_user_list =
	USER_COMMAND("user list", "list the users, their roles and scopes", NULL, list_options,
		     run_list);
const struct command cmd_user_tokens =
	USER_COMMAND("user tokens", "list the tokens (ids, kinds, revoked or not) of a user or "
		     "of all", optional_name_arg, list_options, run_tokens);
const struct command cmd_user_disable =
	USER_COMMAND("user disable", "stop a user's tokens and sessions from working", name_arg,
		     by_options, run_disable);
const struct command cmd_user_enable =
	USER_COMMAND("user enable", "let a disabled user sign in again", name_arg, by_options,
		     run_enable);
const struct command cmd_user_token =
	USER_COMMAND("user token", "print a new API token for a user (once)", name_arg,
		     by_options, run_token);
const struct command cmd_user_feed =
	USER_COMMAND("user feed", "print a new calendar subscription address for a user",
		     name_arg, feed_options, run_feed);
const struct command cmd_user_revoke =
	USER_COMMAND("user revoke", "revoke a token (by the id 'user tokens' shows)", token_arg,
		     by_options, run_revoke);
const struct command cmd_user_password =
	USER_COMMAND("user password", "set a user's password for the web page (terminal or one "
		     "line of stdin)", name_arg, by_options, run_password);
