/* page_login.c - signing in and out with a form (fields user, password).
 *
 * The password check, the back-off after failures and the session cookie
 * are auth.c's, as for every sign-in. The sign-in form has no session yet,
 * so its CSRF token is a random value in a cookie of its own that the form
 * repeats (a site elsewhere can neither read the cookie nor, the cookie
 * being SameSite=Strict, send it): nobody can be signed in to someone
 * else's account behind their back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/auth.h"
#include "server/pages/page.h"
#include "server/route.h"
#include "util/secret.h"
#include "util/banned.h"

#define LOGIN_COOKIE "tracker_login"

/* Only a path of this server: "/x", never "//host" or "/\host". */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "/";
	return next;
}

static void login_form(struct page *pg, const char *token, const struct form_view *v,
		       const char *message)
{
	static const char *const fields[] = { "user", "password", NULL };
	struct strbuf *sb = pg->sb;
	struct field user = { "user", tr(pg, "用户名", "User name"), "text", NULL, NULL, NULL, true };
	struct field pass = { "password", tr(pg, "密码", "Password"), "password", NULL, NULL, NULL,
			      true };
	const char *next = v && v->typed ? form_get(v->typed, "next") : req_query(pg->r, "next");

	page_begin(pg, tr(pg, "登录", "Sign in"));
	html_raw(sb, "<section class=\"narrow\"><h1>");
	html_text(sb, tr(pg, "登录", "Sign in"));
	html_raw(sb, "</h1>");
	if (message) {
		html_raw(sb, "<p class=\"error form-error\" role=\"alert\">");
		html_text(sb, message);
		html_raw(sb, "</p>");
	}
	html_form_error(sb, v, fields);
	html_raw(sb, "<form method=\"post\" action=\"/login\" class=\"stack\">"
		 "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(sb, token);
	html_raw(sb, "\"><input type=\"hidden\" name=\"next\" value=\"");
	html_text(sb, safe_next(next));
	html_raw(sb, "\">");
	html_field(sb, "login", &user, v);
	html_field(sb, "login", &pass, v);
	html_raw(sb, "<button type=\"submit\">");
	html_text(sb, tr(pg, "登录", "Sign in"));
	html_raw(sb, "</button></form></section>");
}

static void set_login_cookie(struct request *r, const char *value, long max_age)
{
	char buf[160];

	snprintf(buf, sizeof(buf), LOGIN_COOKIE "=%s; Path=/login; HttpOnly; SameSite=Strict; "
		 "Max-Age=%ld%s", value, max_age, r->tls ? "; Secure" : "");
	resp_header(r, "Set-Cookie", buf);
}

static int show(struct request *r)
{
	struct trk_error err;
	struct page pg;
	char *token = req_cookie(r, LOGIN_COOKIE);
	int rc;

	if (r->via == AUTH_SESSION) {
		free(token);
		return resp_redirect(r, "/");
	}
	if (!token || strlen(token) > 64) {
		free(token);
		if (secret_token("", &token, &err))
			return resp_trk_error(r, &err);
		set_login_cookie(r, token, 3600);
	}
	page_init(&pg, r);
	login_form(&pg, token, NULL, NULL);
	rc = page_end(&pg, 200);
	free(token);
	return rc;
}

/* A refused sign-in: the form again with what was typed (not the
 * password), and why, with auth.c's status (401, or 429 with Retry-After). */
static int refused(struct request *r, const struct form *f, const char *token)
{
	int status = r->status;
	struct page pg;
	char msg[200];
	const char *retry = NULL;

	for (int i = 0; i < r->nheaders; i++)
		if (!strcmp(r->header_names[i], "Retry-After"))
			retry = r->header_values[i];
	page_init(&pg, r);
	if (status == 429 && pg.lang[0] == 'e')
		snprintf(msg, sizeof(msg), "too many failed sign-ins: try again in %s s",
			 retry ? retry : "60");
	else if (status == 429)
		snprintf(msg, sizeof(msg), "登录失败次数过多，请 %s 秒后再试", retry ? retry : "60");
	else
		snprintf(msg, sizeof(msg), "%s", tr(&pg, "用户名或密码错误",
						    "wrong user name or password"));
	struct form_view v = { f, NULL };
	login_form(&pg, token, &v, msg);
	return page_end(&pg, status);
}

static int sign_in(struct request *r)
{
	char *token = req_cookie(r, LOGIN_COOKIE);
	const char *user, *password;
	struct form f;
	int rc = -1;

	if (form_parse(r, &f))
		goto out;
	if (!token || !secret_equal(token, form_get(&f, "csrf") ? form_get(&f, "csrf") : "")) {
		rc = resp_error(r, 403, "csrf", "csrf", "表单已过期，请重新打开登录页面 (the "
				"sign-in form has expired: open the sign-in page again)");
		goto out;
	}
	user = form_get(&f, "user");
	password = form_get(&f, "password");
	if (auth_sign_in(r, user ? user : "", password ? password : "")) {
		rc = r->status == 401 || r->status == 429 ? refused(r, &f, token) : -1;
		goto out;
	}
	set_login_cookie(r, "", 0);
	rc = resp_redirect(r, safe_next(form_get(&f, "next")));
out:
	form_release(&f);
	free(token);
	return rc;
}

static int sign_out(struct request *r)
{
	struct form f;
	int rc = -1;

	if (!form_read(r, &f)) {
		auth_sign_out(r);
		rc = resp_redirect(r, "/login");
	}
	form_release(&f);
	return rc;
}

const struct route route_page_login = {
	"GET", "/login", ACCESS_PUBLIC, ROUTE_PAGE, "the sign-in page", show,
};
const struct route route_page_login_post = {
	"POST", "/login", ACCESS_PUBLIC, ROUTE_PAGE, "sign in with a user name and password",
	sign_in,
};
const struct route route_page_logout = {
	"POST", "/logout", ACCESS_READ, ROUTE_PAGE, "sign out", sign_out,
};
