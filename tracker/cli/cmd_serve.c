/* cmd_serve.c - `tracker serve`: the record over HTTP for the office, the
 * departments, the leaders and the deputies (tracker/server/). */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "server/server.h"
#include "util/numparse.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct serve_opts {
	const char *listen, *threads, *max_body, *timeout, *session_idle;
	const char *tls_cert, *tls_key, *ready_file;
	bool behind_proxy, quiet;
};

#define S(field) offsetof(struct serve_opts, field)

static const struct option_spec options[] = {
	{ "listen", OPT_STRING, S(listen), "ADDR:PORT", "where to listen (default "
	  "127.0.0.1:8080; [::1]:8080 for IPv6; port 0 picks a free one)", VAL_TEXT, NULL },
	{ "threads", OPT_STRING, S(threads), "N", "worker threads, each with its own database "
	  "connection (default twice the cores)", VAL_NUMBER, NULL },
	{ "max-body", OPT_STRING, S(max_body), "BYTES", "larger request bodies are refused "
	  "unread with 413 (default 1048576)", VAL_NUMBER, NULL },
	{ "timeout", OPT_STRING, S(timeout), "SECONDS", "close connections idle this long "
	  "(default 15)", VAL_NUMBER, NULL },
	{ "session-idle", OPT_STRING, S(session_idle), "MINUTES", "sign web users out after "
	  "this long without a request (default 30)", VAL_NUMBER, NULL },
	{ "behind-proxy", OPT_FLAG, S(behind_proxy), NULL, "a reverse proxy in front: trust "
	  "its X-Forwarded-For and X-Forwarded-Proto (cookies get Secure)", VAL_TEXT, NULL },
	{ "tls-cert", OPT_STRING, S(tls_cert), "FILE", "serve HTTPS with this PEM certificate",
	  VAL_FILE, NULL },
	{ "tls-key", OPT_STRING, S(tls_key), "FILE", "and this PEM key", VAL_FILE, NULL },
	{ "ready-file", OPT_STRING, S(ready_file), "FILE", "write the port to FILE once "
	  "listening (for scripts and tests)", VAL_FILE, NULL },
	{ "quiet", OPT_FLAG, S(quiet), NULL, "no line per request on stderr", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

/* "127.0.0.1:8080", "[::1]:8080", ":8080" or "8080". *host is the
 * caller's to free. */
static int parse_listen(const char *s, char **host, unsigned *port, struct trk_error *err)
{
	const char *colon = s[0] == '[' ? strstr(s, "]:") : strrchr(s, ':');
	const char *port_text = colon ? colon + (s[0] == '[' ? 2 : 1) : s;
	long p;
	int rc;

	if ((rc = parse_int(port_text, "listen", 0, 65535, &p, err)))
		return trk_err(err, TRK_EUSAGE, "--listen: '%.60s' is not ADDR:PORT", s);
	*port = (unsigned)p;
	if (!colon || colon == s)
		*host = xstrdup("127.0.0.1");
	else if (s[0] == '[')
		*host = xstrndup(s + 1, (size_t)(colon - s - 1));
	else
		*host = xstrndup(s, (size_t)(colon - s));
	return 0;
}

static int number(const char *s, const char *field, long min, long max, long *out,
		  struct trk_error *err)
{
	return s ? parse_int(s, field, min, max, out, err) : 0;
}

static int configure(const struct serve_opts *o, struct server_config *c, char **host,
		     struct trk_error *err)
{
	long threads = c->threads, body = (long)c->max_body, timeout = c->timeout_seconds;
	long idle = c->session_idle_seconds / 60;
	const char *limit = getenv("TRACKER_FAULT_ALLOC_OVER");
	int rc;

	if ((rc = parse_listen(o->listen ? o->listen : "127.0.0.1:8080", host, &c->port, err)) ||
	    (rc = number(o->threads, "threads", 1, 256, &threads, err)) ||
	    (rc = number(o->max_body, "max_body", 1024, 1L << 30, &body, err)) ||
	    (rc = number(o->timeout, "timeout", 1, 3600, &timeout, err)) ||
	    (rc = number(o->session_idle, "session_idle", 1, 7 * 24 * 60, &idle, err)))
		return rc;
	c->address = *host;
	c->threads = (unsigned)threads;
	c->max_body = (size_t)body;
	c->timeout_seconds = (unsigned)timeout;
	c->session_idle_seconds = idle * 60;
	c->behind_proxy = o->behind_proxy;
	c->tls_cert = o->tls_cert;
	c->tls_key = o->tls_key;
	c->ready_file = o->ready_file;
	c->log = o->quiet ? NULL : stderr;
	/* Fault injection for the tests of the out-of-memory path. */
	if (limit && *limit)
		trk_set_alloc_limit((size_t)strtoull(limit, NULL, 10));
	return 0;
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	struct server_config c;
	char *host = NULL;
	int rc;

	(void)args, (void)nargs;
	server_config_init(&c);
	c.db_path = ctx->db_path;
	if (!(rc = configure(opts, &c, &host, err))) {
		i18n_neutral();
		rc = server_run(&c, err);
	}
	free(host);
	return rc;
}

const struct command cmd_serve = {
	.name = "serve",
	.summary = "serve the record over HTTP: the JSON API, the pages, calendar feeds",
	.options = options,
	.opts_size = sizeof(struct serve_opts),
	.flags = CMD_NO_STORE,
	.description = "Stops cleanly on SIGTERM or SIGINT. Users sign in with the tokens and "
		       "passwords of 'tracker user'. See the README, \"Running it for an office\".",
	.run = run,
};
