/* page_calendar.c - /calendar: the deadlines the user may see, in the
 * calendar program they already use. A feed address carries a token that
 * reads the feed and nothing else; the record keeps only its hash, so the
 * address is shown once, when it is made (POST /calendar), with the steps
 * for Outlook, Google, Apple and Thunderbird. /calendar.ics downloads the
 * calendar as it is now (feed_calendar.c, signed in with the session). */
#include <stdlib.h>
#include <string.h>

#include "server/pages/page.h"
#include "server/route.h"
#include "store/store_user.h"
#include "util/banned.h"

static int count_feed(const struct token *t, void *arg, struct trk_error *err)
{
	(void)err;
	if (t->kind == TOKEN_FEED && !t->revoked_at)
		(*(int *)arg)++;
	return 0;
}

static void step(struct page *pg, const char *who, const char *zh, const char *en)
{
	html_raw(pg->sb, "<li><strong>");
	html_text(pg->sb, who);
	html_raw(pg->sb, "</strong>");
	html_text(pg->sb, tr(pg, "：", ": "));
	html_text(pg->sb, tr(pg, zh, en));
	html_raw(pg->sb, "</li>");
}

static void steps(struct page *pg)
{
	html_raw(pg->sb, "<h2>");
	html_text(pg->sb, tr(pg, "如何订阅", "How to subscribe"));
	html_raw(pg->sb, "</h2><ol class=\"steps\">");
	step(pg, "Outlook", "日历 → 添加日历 → 从 Internet 订阅，粘贴地址，确定。",
	     "Calendar → Add calendar → Subscribe from web, paste the address, Import.");
	step(pg, "Google", "在电脑上打开 Google 日历 → 其他日历旁的 + → 通过网址添加，粘贴地址。",
	     "On a computer: Google Calendar → + next to Other calendars → From URL, paste.");
	step(pg, "Apple", "日历 App → 文件 → 新建日历订阅（iPhone：设置 → 日历 → 账户 → 添加账户 → "
	     "其他 → 添加已订阅的日历），粘贴地址。",
	     "Calendar app → File → New Calendar Subscription (iPhone: Settings → Calendar → "
	     "Accounts → Add Account → Other → Add Subscribed Calendar), paste the address.");
	step(pg, "Thunderbird", "日历 → 新建日历 → 网络上 → iCalendar (ICS)，粘贴地址。",
	     "Calendar → New Calendar → On the Network → iCalendar (ICS), paste the address.");
	html_raw(pg->sb, "</ol><p class=\"muted\">");
	html_text(pg->sb, tr(pg, "订阅地址相当于密码，只能读取你的日历。请勿转发；如已泄露，请联系管理员吊销。",
			     "The address works like a password that reads your calendar only. Do "
			     "not pass it on; if it leaks, ask the administrator to revoke it."));
	html_raw(pg->sb, "</p>");
}

/* The address of the feed as the browser reached this server. */
static void feed_url(struct page *pg, const char *secret)
{
	const char *host = req_header(pg->r, "Host");
	struct strbuf url = STRBUF_INIT;

	strbuf_addf(&url, "%s://%s/calendar/", pg->r->tls ? "https" : "http",
		    host ? host : "127.0.0.1");
	url_encode(&url, secret);
	strbuf_addstr(&url, ".ics");
	html_raw(pg->sb, "<p class=\"notice\" role=\"status\">");
	html_text(pg->sb, tr(pg, "新的订阅地址（只显示这一次，请现在复制）：",
			     "Your new address (shown this once: copy it now):"));
	html_raw(pg->sb, "</p><p><label for=\"feed-url\">");
	html_text(pg->sb, tr(pg, "订阅地址", "Address"));
	html_raw(pg->sb, "</label><input id=\"feed-url\" class=\"secret\" readonly value=\"");
	html_text(pg->sb, url.buf);
	html_raw(pg->sb, "\"> <button type=\"button\" id=\"copy-feed\" class=\"secondary\" hidden "
		 "data-done=\"");
	html_text(pg->sb, tr(pg, "已复制", "Copied"));
	html_raw(pg->sb, "\">");
	html_text(pg->sb, tr(pg, "复制", "Copy"));
	html_raw(pg->sb, "</button></p>");
	strbuf_release(&url);
}

static int render(struct request *r, const char *secret)
{
	struct trk_error err;
	struct page pg;
	int feeds = 0;

	page_init(&pg, r);
	if (store_tokens(r->st, r->user.name, count_feed, &feeds, &err))
		return resp_trk_error(r, &err);
	page_begin(&pg, tr(&pg, "日历", "Calendar"));
	html_raw(pg.sb, "<h1>");
	html_text(pg.sb, tr(&pg, "在日历中查看期限", "Deadlines in your calendar"));
	html_raw(pg.sb, "</h1><p>");
	html_text(pg.sb, tr(&pg, "订阅后，你可见的承诺事项的期限和报送提醒会出现在你的日历中，并自动更新。",
			    "Subscribed, the deadlines and check-in reminders of the commitments you "
			    "can see appear in your calendar and stay up to date."));
	html_raw(pg.sb, "</p>");
	if (secret)
		feed_url(&pg, secret);
	html_raw(pg.sb, "<div class=\"card\"><p>");
	if (feeds && pg.lang[0] == 'e')
		strbuf_addf(pg.sb, "You have %d address(es) in use.", feeds);
	else if (feeds)
		strbuf_addf(pg.sb, "你已有 %d 个订阅地址在使用。", feeds);
	else
		html_text(pg.sb, tr(&pg, "你还没有订阅地址。", "You have no address yet."));
	html_raw(pg.sb, "</p><form method=\"post\" action=\"/calendar\" class=\"actions\">");
	page_csrf(&pg);
	html_raw(pg.sb, "<button type=\"submit\">");
	html_text(pg.sb, tr(&pg, "生成新的订阅地址", "Make a new address"));
	html_raw(pg.sb, "</button> <a href=\"/calendar.ics\" download>");
	html_text(pg.sb, tr(&pg, "下载当前日历 (.ics)", "Download the calendar now (.ics)"));
	html_raw(pg.sb, "</a></form></div>");
	steps(&pg);
	return page_end(&pg, 200);
}

static int show(struct request *r)
{
	return render(r, NULL);
}

struct issue {
	const struct actor *a;
	char *secret, *id;
};

static int issue(struct store *st, void *arg, struct trk_error *err)
{
	struct issue *x = arg;

	return store_token_issue(st, x->a, x->a->name, TOKEN_FEED, &x->secret, &x->id, err);
}

static int make(struct request *r)
{
	struct issue x = { &r->actor, NULL, NULL };
	struct trk_error err;
	struct form f;
	int rc = -1;

	if (form_read(r, &f))
		goto out;
	if (store_write(r->st, issue, &x, &err))
		rc = resp_trk_error(r, &err);
	else
		rc = render(r, x.secret);
out:
	form_release(&f);
	free(x.secret);
	free(x.id);
	return rc;
}

const struct route route_page_calendar = {
	"GET", "/calendar", ACCESS_READ, ROUTE_PAGE, "how to subscribe to the deadlines", show,
};
const struct route route_page_calendar_new = {
	"POST", "/calendar", ACCESS_READ, ROUTE_PAGE, "a new calendar feed address (shown once)",
	make,
};
