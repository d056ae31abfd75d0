/* auth.c - signing requests in (see auth.h). */
#include "server/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/server.h"
#include "store/store_user.h"
#include "util/secret.h"
#include "util/strbuf.h"
#include "util/i18n.h"
#include "util/banned.h"

/* Five wrong passwords in a quarter of an hour are a person's slips;
 * after that each further attempt waits twice as long as the one before
 * (1 s, 2 s, 4 s ... up to 15 min), so guessing stops paying. */
#define FAILURE_WINDOW_SECONDS 900
#define FREE_FAILURES 5
#define MAX_WAIT_SECONDS 900

static int unauthorized(struct request *r, const char *why)
{
	/* A page asked for without a session: the sign-in page, then back. */
	if (r->page && !strcmp(r->method, "GET") && strcmp(r->path, "/login") != 0) {
		struct strbuf next = STRBUF_INIT;
		int rc;

		strbuf_addstr(&next, "/login?next=");
		url_encode(&next, r->path);
		rc = resp_redirect(r, next.buf);
		strbuf_release(&next);
		return rc;
	}
	if (r->via == AUTH_NONE && strncmp(r->path, "/api/", 5) == 0)
		resp_header(r, "WWW-Authenticate", "Bearer realm=\"tracker\"");
	return resp_error(r, 401, "unauthorized", NULL, "%s", why);
}

static void signed_in_as(struct request *r, enum auth_via via)
{
	r->via = via;
	store_user_actor(&r->actor, &r->user);
}

static int bearer(struct request *r)
{
	const char *h = req_header(r, "Authorization");
	struct trk_error err;

	if (!h)
		return unauthorized(r, "sign in: send 'Authorization: Bearer TOKEN' (see 'tracker "
				    "user token')");
	if (strncmp(h, "Bearer ", 7) != 0)
		return unauthorized(r, "the Authorization header must be 'Bearer TOKEN'");
	if (store_auth_token(r->st, h + 7, TOKEN_API, &r->user, &err)) {
		free(r->log_note);
		r->log_note = xstrdup("auth: bad API token");
		return err.code == TRK_EAUTH ? unauthorized(r, err.msg) : resp_trk_error(r, &err);
	}
	signed_in_as(r, AUTH_TOKEN);
	return 0;
}

/* A page without a live session is shown signed out; whether that is
 * allowed is the route's access, checked below. */
static int session(struct request *r)
{
	struct trk_error err;

	r->session = req_cookie(r, SESSION_COOKIE);
	if (!r->session)
		return 0;
	if (store_session_check(r->st, r->session, r->cfg->session_idle_seconds, &r->user,
				&r->csrf, &err) == 0)
		signed_in_as(r, AUTH_SESSION);
	else if (err.code != TRK_EAUTH)
		return resp_trk_error(r, &err);
	return 0;
}

static int feed(struct request *r)
{
	struct trk_error err;

	if (r->nparams < 1 || store_auth_token(r->st, r->params[0], TOKEN_FEED, &r->user, &err))
		return resp_error(r, 404, "not_found", NULL, "no such calendar (the address may "
				  "have been revoked)");
	r->via = AUTH_FEED;
	store_user_actor(&r->actor, &r->user);
	return 0;
}

static int check_access(struct request *r, enum access access)
{
	if (access == ACCESS_PUBLIC || access == ACCESS_FEED)
		return 0;
	if (!req_signed_in(r))
		return unauthorized(r, _("sign in first"));
	if (access == ACCESS_ADMIN && r->user.role != ROLE_ADMIN)
		return resp_error(r, 403, "forbidden", NULL, _("only an administrator may do that "
				  "(%s is %s)"), r->user.name, role_name(r->user.role));
	if (access == ACCESS_WRITE && r->user.role == ROLE_VIEWER)
		return resp_error(r, 403, "forbidden", NULL, _("%s is a viewer and may only read"),
				  r->user.name);
	return 0;
}

int auth_request(struct request *r, const struct route *rt)
{
	int rc = 0;

	if (rt->access == ACCESS_FEED)
		rc = feed(r);
	else if (rt->kind == ROUTE_PAGE)
		rc = session(r);
	else if (rt->access != ACCESS_PUBLIC)
		rc = bearer(r);
	if (rc || r->answered)
		return -1;
	if (check_access(r, rt->access) || r->answered)
		return -1;
	return 0;
}

static void set_session_cookie(struct request *r, const char *value, long max_age)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s", SESSION_COOKIE,
		    value, max_age, r->tls ? "; Secure" : "");
	resp_header(r, "Set-Cookie", sb.buf);
	strbuf_release(&sb);
}

static long backoff_wait(int failures)
{
	long wait = 1;

	if (failures < FREE_FAILURES)
		return 0;
	for (int i = FREE_FAILURES; i < failures && wait < MAX_WAIT_SECONDS; i++)
		wait *= 2;
	return wait < MAX_WAIT_SECONDS ? wait : MAX_WAIT_SECONDS;
}

static int too_soon(struct request *r, struct trk_error *err)
{
	char retry[24];
	long since_last, wait;
	int n, rc;

	if ((rc = store_login_failures(r->st, r->client, FAILURE_WINDOW_SECONDS, &n, &since_last,
				       err))) {
		resp_trk_error(r, err);
		return -1;
	}
	wait = backoff_wait(n);
	if (wait == 0 || since_last >= wait)
		return 0;
	snprintf(retry, sizeof(retry), "%ld", wait - since_last);
	resp_header(r, "Retry-After", retry);
	free(r->log_note);
	r->log_note = xstrdup("auth: sign-in refused, back-off after repeated failures");
	/* resp_error answers 0 (an answer was given): the sign-in must stop here */
	resp_error(r, 429, "too_many_requests", NULL, _("too many failed sign-ins from "
		   "this address: try again in %s s"), retry);
	return -1;
}

int auth_sign_in(struct request *r, const char *name, const char *password)
{
	struct trk_error err;
	char *sid = NULL, *csrf = NULL;

	if (too_soon(r, &err))
		return -1;
	/* a page's sign-in may come with a live session: its user is replaced */
	user_release(&r->user);
	r->via = AUTH_NONE;
	if (store_auth_password(r->st, name, password, &r->user, &err)) {
		if (err.code != TRK_EAUTH)
			return resp_trk_error(r, &err), -1;
		store_login_failed(r->st, r->client, &err);
		free(r->log_note);
		r->log_note = xstrdup("auth: failed sign-in");
		return unauthorized(r, _("wrong user name or password")), -1;
	}
	if (store_session_open(r->st, r->user.name, &sid, &csrf, &err) ||
	    store_login_succeeded(r->st, r->client, &err)) {
		free(sid);
		free(csrf);
		user_release(&r->user);
		return resp_trk_error(r, &err), -1;
	}
	/* A new session id at every sign-in: an id planted before it is useless. */
	if (r->session)
		store_session_close(r->st, r->session, &err);
	free(r->session);
	free(r->csrf);
	r->session = sid;
	r->csrf = csrf;
	signed_in_as(r, AUTH_SESSION);
	set_session_cookie(r, sid, r->cfg->session_idle_seconds);
	return 0;
}

void auth_sign_out(struct request *r)
{
	struct trk_error err;

	if (r->session)
		store_session_close(r->st, r->session, &err);
	set_session_cookie(r, "", 0);
}

bool auth_csrf_ok(const struct request *r, const char *csrf)
{
	return r->via == AUTH_SESSION && r->csrf && csrf && secret_equal(r->csrf, csrf);
}

void auth_release(struct request *r)
{
	user_release(&r->user);
	free(r->csrf);
	free(r->session);
	r->csrf = r->session = NULL;
	r->via = AUTH_NONE;
}
