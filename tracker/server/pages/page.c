/* page.c - the frame, language and forms of the pages (see page.h). */
#include "server/pages/page.h"

#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "server/auth.h"
#include "util/date.h"
#include "util/utf8.h"
#include "util/i18n.h"
#include "util/banned.h"

#define LANG_COOKIE "tracker_lang"
#define MAX_FORM_FIELDS 64

/* ---- language ---------------------------------------------------------------------- */

static bool header_set(const struct request *r, const char *name, const char *prefix)
{
	for (int i = 0; i < r->nheaders; i++)
		if (!strcmp(r->header_names[i], name) &&
		    !strncmp(r->header_values[i], prefix, strlen(prefix)))
			return true;
	return false;
}

/* ?lang=en|zh chooses and is remembered in a cookie; else the cookie; else
 * English when the browser asks for it first; else Chinese. */
static const char *choose_lang(struct request *r)
{
	const char *q = req_query(r, "lang"), *accept;
	char *cookie;
	bool en;

	if (q && (!strcmp(q, "en") || !strcmp(q, "zh"))) {
		if (!header_set(r, "Set-Cookie", LANG_COOKIE "="))
			resp_header(r, "Set-Cookie", !strcmp(q, "en")
				    ? LANG_COOKIE "=en; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000"
				    : LANG_COOKIE "=zh; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000");
		return !strcmp(q, "en") ? "en" : "zh";
	}
	if ((cookie = req_cookie(r, LANG_COOKIE))) {
		en = !strcmp(cookie, "en");
		free(cookie);
		return en ? "en" : "zh";
	}
	accept = req_header(r, "Accept-Language");
	return accept && !strncasecmp(accept, "en", 2) ? "en" : "zh";
}

void page_init(struct page *pg, struct request *r)
{
	pg->r = r;
	pg->sb = &r->out;
	pg->lang = choose_lang(r);
	strbuf_reset(&r->out);
}

/* The server's own locale with only LC_MESSAGES changed to name (kept for
 * the process), or (locale_t)0 where name is not installed. */
static locale_t messages_in(const char *name)
{
	locale_t base = duplocale(LC_GLOBAL_LOCALE), loc;

	if (base == (locale_t)0)
		return base;
	if ((loc = newlocale(LC_MESSAGES_MASK, name, base)) == (locale_t)0)
		freelocale(base);
	return loc;
}

static locale_t messages_zh, messages_en;
static pthread_once_t messages_made = PTHREAD_ONCE_INIT;

static void make_message_locales(void)
{
	messages_zh = messages_in("zh_CN.UTF-8");
	messages_en = messages_in("C");   /* gettext gives the English msgid */
}

void page_messages_begin(struct request *r)
{
	locale_t loc;

	pthread_once(&messages_made, make_message_locales);
	loc = choose_lang(r)[0] == 'e' ? messages_en : messages_zh;
	if (loc != (locale_t)0)
		uselocale(loc);
}

void page_messages_end(void)
{
	uselocale(LC_GLOBAL_LOCALE);
}

const char *tr(const struct page *pg, const char *zh, const char *en)
{
	return pg->lang[0] == 'e' ? en : zh;
}

/* ---- the frame --------------------------------------------------------------------------- */

static void nav_item(struct page *pg, const char *href, const char *zh, const char *en)
{
	const char *path = pg->r->path;
	bool here = !strcmp(href, "/") ? !strcmp(path, "/") || !strncmp(path, "/c/", 3)
		    : !strncmp(path, href, strlen(href));

	html_raw(pg->sb, "<li><a href=\"");
	html_raw(pg->sb, href);
	html_raw(pg->sb, here ? "\" aria-current=\"page\">" : "\">");
	html_text(pg->sb, tr(pg, zh, en));
	html_raw(pg->sb, "</a></li>");
}

static const char *role_word(const struct page *pg, enum role role)
{
	switch (role) {
	case ROLE_ADMIN:      return tr(pg, "管理员", "administrator");
	case ROLE_DEPARTMENT: return tr(pg, "部门", "department");
	default:              return tr(pg, "只读", "viewer");
	}
}

static void nav_user(struct page *pg)
{
	struct strbuf *sb = pg->sb;

	html_raw(sb, "<div class=\"who\">");
	if (pg->r->via == AUTH_SESSION) {
		html_raw(sb, "<span class=\"user\">");
		html_text(sb, pg->r->user.name);
		html_raw(sb, " <small>");
		html_text(sb, role_word(pg, pg->r->user.role));
		html_raw(sb, "</small></span><form class=\"inline\" method=\"post\" action=\"/logout\">");
		page_csrf(pg);
		html_raw(sb, "<button type=\"submit\" class=\"link\">");
		html_text(sb, tr(pg, "退出", "Sign out"));
		html_raw(sb, "</button></form>");
	} else if (strcmp(pg->r->path, "/login") != 0) {
		html_raw(sb, "<a href=\"/login\">");
		html_text(sb, tr(pg, "登录", "Sign in"));
		html_raw(sb, "</a>");
	}
	/* the other language, for this same page */
	html_raw(sb, "<a class=\"lang\" href=\"");
	html_path(sb, pg->r->path, tr(pg, "?lang=en", "?lang=zh"));
	html_raw(sb, tr(pg, "\" lang=\"en\" hreflang=\"en\">English</a>",
			"\" lang=\"zh-CN\" hreflang=\"zh-CN\">中文</a>"));
	html_raw(sb, "</div>");
}

static void nav(struct page *pg)
{
	struct strbuf *sb = pg->sb;

	html_raw(sb, "<header class=\"top\"><nav aria-label=\"");
	html_text(sb, tr(pg, "主导航", "Main"));
	html_raw(sb, "\"><a class=\"brand\" href=\"/\">");
	html_text(sb, tr(pg, "承诺跟踪", "Commitments"));
	html_raw(sb, "</a>");
	if (pg->r->via == AUTH_SESSION) {
		html_raw(sb, "<ul>");
		nav_item(pg, "/", "我的承诺", "My commitments");
		nav_item(pg, "/reports", "季度报告", "Reports");
		nav_item(pg, "/letters", "答复函", "Letters");
		nav_item(pg, "/calendar", "日历", "Calendar");
		if (pg->r->user.role == ROLE_ADMIN)
			nav_item(pg, "/admin", "管理", "Admin");
		html_raw(sb, "</ul>");
	}
	nav_user(pg);
	html_raw(sb, "</nav></header>");
}

void page_begin(struct page *pg, const char *title)
{
	struct strbuf *sb = pg->sb;

	html_raw(sb, "<!DOCTYPE html>\n<html lang=\"");
	html_raw(sb, tr(pg, "zh-CN", "en"));
	html_raw(sb, "\"><head><meta charset=\"utf-8\">"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		 "<title>");
	html_text(sb, title);
	html_raw(sb, " · ");
	html_text(sb, tr(pg, "承诺跟踪", "Commitment tracker"));
	html_raw(sb, "</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
		 "<script src=\"/static/app.js\" defer></script></head>\n<body>"
		 "<a class=\"skip\" href=\"#main\">");
	html_text(sb, tr(pg, "跳到正文", "Skip to content"));
	html_raw(sb, "</a>");
	nav(pg);
	html_raw(sb, "<main id=\"main\">\n");
}

int page_end(struct page *pg, int status)
{
	html_raw(pg->sb, "\n</main></body></html>\n");
	return resp_body(pg->r, status, "text/html; charset=utf-8");
}

void page_csrf(struct page *pg)
{
	if (!pg->r->csrf)
		return;
	html_raw(pg->sb, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(pg->sb, pg->r->csrf);
	html_raw(pg->sb, "\">");
}

void page_health(struct page *pg, enum health h, bool overridden)
{
	html_raw(pg->sb, "<span class=\"badge h-");
	html_raw(pg->sb, health_name(h));
	html_raw(pg->sb, "\">");
	html_text(pg->sb, health_label(h, pg->lang));
	if (overridden) {
		html_raw(pg->sb, "<abbr title=\"");
		html_text(pg->sb, tr(pg, "人工判断", "set by a person"));
		html_raw(pg->sb, "\">*</abbr>");
	}
	html_raw(pg->sb, "</span>");
}

void page_date(struct page *pg, int32_t day)
{
	char d[DATE_BUFSZ];

	if (day == DATE_NONE) {
		html_raw(pg->sb, "—");
		return;
	}
	date_format(day, d);
	html_raw(pg->sb, "<time>");
	html_text(pg->sb, d);
	html_raw(pg->sb, "</time>");
}

static const char *error_title(const struct page *pg, int status)
{
	switch (status) {
	case 401: return tr(pg, "请先登录", "Please sign in");
	case 403: return tr(pg, "无权操作", "Not allowed");
	case 404: return tr(pg, "找不到", "Not found");
	case 429: return tr(pg, "请稍后再试", "Try again later");
	case 400:
	case 413:
	case 415:
	case 422: return tr(pg, "请求有误", "Bad request");
	default:  return tr(pg, "出错了", "Something went wrong");
	}
}

int page_error(struct request *r, int status, const char *message)
{
	struct page pg;

	page_init(&pg, r);
	page_begin(&pg, error_title(&pg, status));
	html_raw(pg.sb, "<h1>");
	html_text(pg.sb, error_title(&pg, status));
	html_raw(pg.sb, "</h1><p class=\"error\" role=\"alert\">");
	html_text(pg.sb, message);
	html_raw(pg.sb, "</p><p>");
	if (status == 401) {
		html_raw(pg.sb, "<a href=\"/login\">");
		html_text(pg.sb, tr(&pg, "登录", "Sign in"));
	} else {
		html_raw(pg.sb, "<a href=\"/\">");
		html_text(pg.sb, tr(&pg, "回到我的承诺", "Back to my commitments"));
	}
	html_raw(pg.sb, "</a></p>");
	return page_end(&pg, status);
}

/* ---- forms ------------------------------------------------------------------------------- */

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* One name or value, decoded: '+' is a space, %XX a byte; NULL when a
 * percent sign is not followed by two hex digits or the bytes are not
 * UTF-8 (with no NUL). */
static char *decode(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			strbuf_addch(&sb, ' ');
		} else if (s[i] == '%') {
			if (i + 2 >= n || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0)
				goto bad;
			strbuf_addch(&sb, (char)(hex(s[i + 1]) * 16 + hex(s[i + 2])));
			i += 2;
		} else {
			strbuf_addch(&sb, s[i]);
		}
	}
	if (!utf8_valid(sb.buf, sb.len, NULL))
		goto bad;
	return strbuf_detach(&sb);
bad:
	strbuf_release(&sb);
	return NULL;
}

static bool is_form(const char *type)
{
	static const char want[] = "application/x-www-form-urlencoded";
	size_t n = sizeof(want) - 1;

	return type && !strncasecmp(type, want, n) && (type[n] == '\0' || type[n] == ';');
}

static bool add_pair(struct form *f, const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);
	char *name, *value;

	if (!eq)
		eq = s + n;
	name = decode(s, (size_t)(eq - s));
	value = decode(eq < s + n ? eq + 1 : eq, eq < s + n ? (size_t)(s + n - eq - 1) : 0);
	if (!name || !value || f->n == MAX_FORM_FIELDS) {
		free(name);
		free(value);
		return false;
	}
	f->names = xrealloc(f->names, (f->n + 1) * sizeof(*f->names));
	f->values = xrealloc(f->values, (f->n + 1) * sizeof(*f->values));
	f->names[f->n] = name;
	f->values[f->n++] = value;
	return true;
}

int form_parse(struct request *r, struct form *f)
{
	const char *s = r->body.buf, *end = r->body.buf + r->body.len;

	memset(f, 0, sizeof(*f));
	if (!is_form(req_header(r, "Content-Type")))
		return resp_error(r, 415, NULL, NULL, _("send the form as "
				  "application/x-www-form-urlencoded")), -1;
	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		size_t n = amp ? (size_t)(amp - s) : (size_t)(end - s);

		if (n && !add_pair(f, s, n))
			return resp_error(r, 400, NULL, NULL, _("the form's data is not UTF-8 text "
					  "in the form encoding")), -1;
		s += n + 1;
	}
	return 0;
}

int form_read(struct request *r, struct form *f)
{
	if (form_parse(r, f))
		return -1;
	if (!auth_csrf_ok(r, form_get(f, "csrf"))) {
		free(r->log_note);
		r->log_note = xstrdup("csrf: the form's token is not the session's");
		return resp_error(r, 403, "csrf", "csrf", "表单已过期或不是从本站提交的，请刷新页面"
				  "后重试 (the form has expired or was not sent from this site: "
				  "reload the page and try again)"), -1;
	}
	return 0;
}

const char *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (!strcmp(f->names[i], name))
			return f->values[i];
	return NULL;
}

const char *form_nonempty(const struct form *f, const char *name)
{
	const char *v = form_get(f, name);

	return v && *v ? v : NULL;
}

void form_release(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->names[i]);
		free(f->values[i]);
	}
	free(f->names);
	free(f->values);
	memset(f, 0, sizeof(*f));
}

void form_from_query(struct request *r, const char *const *names, struct form *f)
{
	memset(f, 0, sizeof(*f));
	for (; *names; names++) {
		const char *v = req_query(r, *names);

		if (!v)
			continue;
		f->names = xrealloc(f->names, (f->n + 1) * sizeof(*f->names));
		f->values = xrealloc(f->values, (f->n + 1) * sizeof(*f->values));
		f->names[f->n] = xstrdup(*names);
		f->values[f->n++] = xstrdup(v);
	}
}
