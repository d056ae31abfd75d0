/* server.c - libmicrohttpd under the route table.
 *
 * A request goes: read (the body up to max_body, refused with 413 from its
 * Content-Length before it is read), find the route (404/405), sign in and
 * check access (auth.c), run the handler inside an out-of-memory guard,
 * answer with the security headers, log one line. Each worker thread opens
 * its own store on its first request and closes it when the thread ends. */
#include "server/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include "server/mhd.h"
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "server/auth.h"
#include "server/pages/page.h"
#include "server/route.h"
#include "store/store.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/i18n.h"
#include "util/banned.h"

/* What every answer carries: no script but our own files, no framing, no
 * sniffing, no referrer leaving the office. Inline styles are allowed (the
 * report's HTML is one self-contained document); inline script is not. */
static const char *const security_headers[][2] = {
	{ "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' "
	  "'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
	  "base-uri 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "no-referrer" },
	{ "X-Frame-Options", "DENY" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
};

static atomic_bool stopping;

/* ---- the worker thread's store --------------------------------------------------- */

static pthread_key_t store_key;
static pthread_once_t store_key_once = PTHREAD_ONCE_INIT;

static void close_thread_store(void *st)
{
	store_close(st);
}

static void make_store_key(void)
{
	pthread_key_create(&store_key, close_thread_store);
}

static int thread_store(const struct server_config *cfg, struct store **out,
			struct trk_error *err)
{
	struct store *st;
	int rc;

	pthread_once(&store_key_once, make_store_key);
	if ((*out = pthread_getspecific(store_key)))
		return 0;
	if ((rc = store_open(cfg->db_path, 0, &st, err)))
		return rc;
	pthread_setspecific(store_key, st);
	*out = st;
	return 0;
}

/* After an out-of-memory jump the connection may hold half a statement:
 * it is closed, and the thread's next request opens a new one. */
static void drop_thread_store(void)
{
	struct store *st = pthread_getspecific(store_key);

	pthread_setspecific(store_key, NULL);
	store_close(st);
}

/* ---- the out-of-memory guard ------------------------------------------------------ */

static _Thread_local sigjmp_buf *oom_jump;

static void jump_out_of_request(void)
{
	siglongjmp(*oom_jump, 1);
}

/* Keeps a piece of the body; run under the guard, since a body is the one
 * thing a client can make large before any handler runs. On a failed
 * allocation strbuf_add has not touched the buffer: it is released whole. */
static void append_body(struct request *r, const char *data, size_t n)
{
	sigjmp_buf here;

	if (sigsetjmp(here, 0) == 0) {
		oom_jump = &here;
		trk_set_oom_handler(jump_out_of_request);
		strbuf_add(&r->body, data, n);
	} else {
		strbuf_release(&r->body);
		r->body_no_memory = true;
	}
	trk_set_oom_handler(NULL);
	oom_jump = NULL;
}

/* The log note of a request that ran out of memory: static, so that
 * writing it needs no memory; request_free knows it by its address. */
static char no_memory_note[] = "out of memory";

static void answer_no_memory(struct request *r)
{
	r->page = false;   /* the short JSON answer: a page would need more memory */
	resp_error(r, 503, "out_of_memory", NULL, _("the server ran out of memory for this "
		   "request; try again, or ask for less"));
	r->log_note = no_memory_note;
}

/* Runs the handler; an allocation that fails inside it fails this request
 * (503) and leaves the process and the other requests alone. What the
 * handler had allocated is lost: a leak in a rare failure, not a crash. */
static void run_guarded(struct request *r, const struct route *rt)
{
	sigjmp_buf here;

	if (sigsetjmp(here, 0) == 0) {
		oom_jump = &here;
		trk_set_oom_handler(jump_out_of_request);
		if (auth_request(r, rt) == 0 && !r->answered)
			rt->handle(r);
	} else {
		trk_set_oom_handler(NULL);
		drop_thread_store();
		r->st = NULL;
		strbuf_init(&r->out);   /* its buffer may be half grown: dropped */
		r->nheaders = 0;
		free(r->log_note);
		r->log_note = NULL;
		answer_no_memory(r);
		r->answered = true;
	}
	trk_set_oom_handler(NULL);
	oom_jump = NULL;
}

/* ---- requests ----------------------------------------------------------------------- */

static int64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void client_address(struct request *r)
{
	const union MHD_ConnectionInfo *ci =
		sym_MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const char *fwd;

	snprintf(r->client, sizeof(r->client), "-");
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->client,
				  sizeof(r->client));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->client,
				  sizeof(r->client));
	}
	if (!r->cfg->behind_proxy)
		return;
	/* Behind a proxy the peer is the proxy: the client is the last address
	 * it added, and the proxy says whether TLS was used. */
	if ((fwd = req_header(r, "X-Forwarded-For"))) {
		const char *last = strrchr(fwd, ',');

		last = last ? last + 1 : fwd;
		while (*last == ' ')
			last++;
		if (strlen(last) < sizeof(r->client) && strspn(last, "0123456789abcdefABCDEF.:")
		    == strlen(last) && *last)
			snprintf(r->client, sizeof(r->client), "%s", last);
	}
	if ((fwd = req_header(r, "X-Forwarded-Proto")) && strcmp(fwd, "https") == 0)
		r->tls = true;
}

static struct request *request_new(struct MHD_Connection *conn, const struct server_config *cfg,
				   const char *method, const char *url)
{
	struct request *r = xcalloc(1, sizeof(*r));
	const union MHD_ConnectionInfo *tls =
		sym_MHD_get_connection_info(conn, MHD_CONNECTION_INFO_PROTOCOL);

	r->conn = conn;
	r->cfg = cfg;
	r->method = method;
	r->path = url;
	r->started_us = now_us();
	r->tls = tls != NULL && cfg->tls_cert != NULL;
	strbuf_init(&r->body);
	strbuf_init(&r->out);
	client_address(r);
	return r;
}

static void request_free(struct request *r)
{
	for (int i = 0; i < r->nparams; i++)
		free(r->params[i]);
	for (int i = 0; i < r->nheaders; i++)
		free(r->header_values[i]);
	auth_release(r);
	strbuf_release(&r->body);
	strbuf_release(&r->out);
	if (r->log_note != no_memory_note)
		free(r->log_note);
	free(r);
}

/* ---- the log -------------------------------------------------------------------------- */

/* A path as it may be written to a log: a feed token is a secret that
 * would outlive the request there, and no control character reaches the
 * administrator's terminal. */
static void loggable_path(struct strbuf *sb, const char *path)
{
	if (strncmp(path, "/calendar/", 10) == 0)
		path = "/calendar/(token).ics";
	utf8_add_terminal(sb, path, 200);
}

/* Common Log Format with the user and the time taken:
 * 127.0.0.1 - jxj [02/Dec/2026:21:40:01 +0800] "GET /api/v1/owners" 200 1234 3.1ms */
static void log_request(const struct request *r, size_t bytes)
{
	struct strbuf sb = STRBUF_INIT;
	char when[64];
	time_t t = time(NULL);
	struct tm tm;

	if (!r->cfg->log)
		return;
	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%d/%b/%Y:%H:%M:%S %z", &tm);
	strbuf_addf(&sb, "%s - ", r->client);
	utf8_add_terminal(&sb, r->user.name ? r->user.name : "-", 64);
	strbuf_addf(&sb, " [%s] \"%s ", when, r->method);
	loggable_path(&sb, r->path);
	strbuf_addf(&sb, "\" %d %zu %.1fms", r->status, bytes,
		    (double)(now_us() - r->started_us) / 1000.0);
	if (r->log_note) {
		strbuf_addstr(&sb, " ");
		utf8_add_terminal(&sb, r->log_note, 300);
	}
	strbuf_addch(&sb, '\n');
	fputs(sb.buf, r->cfg->log);
	fflush(r->cfg->log);
	strbuf_release(&sb);
}

/* ---- answering --------------------------------------------------------------------- */

static enum MHD_Result queue(struct request *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ok;

	resp = sym_MHD_create_response_from_buffer(r->out.len, r->out.buf, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	for (size_t i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
		sym_MHD_add_response_header(resp, security_headers[i][0], security_headers[i][1]);
	if (r->tls)
		sym_MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	sym_MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type
				: "text/plain; charset=utf-8");
	for (int i = 0; i < r->nheaders; i++)
		sym_MHD_add_response_header(resp, r->header_names[i], r->header_values[i]);
	if (!sym_MHD_get_response_header(resp, "Cache-Control"))
		sym_MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (atomic_load(&stopping))
		sym_MHD_add_response_header(resp, "Connection", "close");
	ok = sym_MHD_queue_response(r->conn, (unsigned)r->status, resp);
	sym_MHD_destroy_response(resp);
	log_request(r, r->out.len);
	return ok;
}

static void dispatch_route(struct request *r, const struct route *rt, bool path_known)
{
	struct trk_error err;

	if (!rt) {
		if (path_known) {
			resp_header(r, "Allow", "GET, POST, PATCH");
			resp_error(r, 405, "method_not_allowed", NULL, _("%s is not allowed here"),
				   r->method);
		} else {
			resp_error(r, 404, "not_found", NULL, _("no such page or resource"));
		}
		return;
	}
	if (thread_store(r->cfg, &r->st, &err)) {
		free(r->log_note);
		r->log_note = xstrdup(err.msg);
		resp_error(r, 503, "unavailable", NULL, _("the record cannot be opened now"));
		return;
	}
	run_guarded(r, rt);
	if (!r->answered)
		resp_error(r, 500, "internal", NULL, _("the route gave no answer"));
}

static void dispatch(struct request *r)
{
	bool path_known = false;
	const struct route *rt;

	if (r->body_too_big) {
		resp_error(r, 413, "too_large", NULL, _("the body is larger than %zu bytes"),
			   r->cfg->max_body);
		return;
	}
	if (r->body_no_memory) {
		answer_no_memory(r);
		return;
	}
	rt = route_find(r, &path_known);
	/* A person's browser gets its errors as pages: on the pages, and on
	 * paths that are neither the API nor a calendar feed; and a page's
	 * messages in its language (the API's stay the msgids programs read). */
	r->page = rt ? rt->kind == ROUTE_PAGE
		  : strncmp(r->path, "/api/", 5) != 0 && strncmp(r->path, "/calendar/", 10) != 0;
	if (r->page)
		page_messages_begin(r);
	dispatch_route(r, rt, path_known);
	page_messages_end();
}

/* libmicrohttpd calls this once with the headers, then once per piece of
 * the body, then once more with none: the answer goes on the last call
 * (or the first, for a body too large to read at all). */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	const struct server_config *cfg = cls;
	struct request *r = *con_cls;
	const char *length;

	(void)version;
	if (!r) {
		r = *con_cls = request_new(conn, cfg, method, url);
		length = req_header(r, "Content-Length");
		if (length && strtoull(length, NULL, 10) > cfg->max_body) {
			resp_error(r, 413, "too_large", NULL, _("the body is larger than %zu bytes"),
				   cfg->max_body);
			return queue(r);
		}
		return MHD_YES;
	}
	if (r->answered)
		return MHD_YES;   /* a 413 queued above: the rest is discarded */
	if (*upload_data_size) {
		if (r->body.len + *upload_data_size > cfg->max_body)
			r->body_too_big = true;
		else if (!r->body_no_memory)
			append_body(r, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	dispatch(r);
	return queue(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)conn, (void)toe;
	if (*con_cls)
		request_free(*con_cls);
	*con_cls = NULL;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* libmicrohttpd's unescaping of the path and the query, but "%00" is left
 * as it is: a NUL decoded into a C string would cut the path short, and
 * "/static/style.css%00.js" would then name style.css. */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	char *out = s;

	(void)cls, (void)conn;
	for (char *in = s; *in; in++) {
		int hi, lo;

		if (in[0] == '%' && (hi = hex_digit(in[1])) >= 0 && (lo = hex_digit(in[2])) >= 0 &&
		    (hi || lo)) {
			*out++ = (char)(hi * 16 + lo);
			in += 2;
		} else {
			*out++ = *in;
		}
	}
	*out = '\0';
	return (size_t)(out - s);
}

/* libmicrohttpd's messages. While the daemon starts, the first is kept
 * and not printed, so that a failure is one line saying why (a port in
 * use, a certificate GnuTLS cannot read); after, they go to the log. */
struct mhd_messages {
	const struct server_config *cfg;
	atomic_bool starting;
	char first[256];
};

/* printf-style (the attribute tells the compiler). */
__attribute__((format(printf, 2, 0)))
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct mhd_messages *m = cls;
	size_t n;

	if (atomic_load(&m->starting)) {
		if (m->first[0])
			return;
		vsnprintf(m->first, sizeof(m->first), fmt, ap);
		n = strlen(m->first);
		while (n && (m->first[n - 1] == '\n' || m->first[n - 1] == '.'))
			m->first[--n] = 0;
		return;
	}
	if (m->cfg->log) {
		fputs("tracker serve: ", m->cfg->log);
		vfprintf(m->cfg->log, fmt, ap);
		fflush(m->cfg->log);
	}
}

/* ---- starting and stopping ---------------------------------------------------------- */

void server_config_init(struct server_config *c)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	memset(c, 0, sizeof(*c));
	c->address = "127.0.0.1";
	c->port = 8080;
	c->threads = cores > 1 ? (unsigned)(cores * 2) : 2;
	c->max_body = 1024 * 1024;
	c->timeout_seconds = 15;
	c->per_ip_connections = 256;
	c->session_idle_seconds = 30 * 60;
	c->log = stderr;
}

static char *read_file(const char *path, struct trk_error *err)
{
	FILE *f = fopen(path, "r");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	if (!f) {
		trk_err(err, TRK_EIO, "cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb);
}

static int bind_address(const struct server_config *c, struct sockaddr_storage *ss,
			struct trk_error *err)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, c->address, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)c->port);
		return 0;
	}
	if (inet_pton(AF_INET6, c->address, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)c->port);
		return 0;
	}
	return trk_err_field(err, TRK_EUSAGE, "listen", "'%s' is not an IPv4 or IPv6 address",
			     c->address);
}

/* The logger comes first: libmicrohttpd reports what it meets before it,
 * options included, with its own logger on stderr. Without a certificate
 * the list ends where the TLS options would begin (MHD reads no further). */
static struct MHD_Daemon *start(const struct server_config *c, struct sockaddr_storage *ss,
				char *cert, char *key, struct mhd_messages *m)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
			 MHD_USE_ERROR_LOG | (ss->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0) |
			 (cert ? MHD_USE_TLS : 0);

	return sym_MHD_start_daemon(flags, (uint16_t)c->port, NULL, NULL, on_request, (void *)c,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, (void *)m,
		MHD_OPTION_SOCK_ADDR, ss,
		MHD_OPTION_THREAD_POOL_SIZE, c->threads,
		MHD_OPTION_CONNECTION_TIMEOUT, c->timeout_seconds,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, c->per_ip_connections,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void *)c,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
		MHD_OPTION_HTTPS_MEM_KEY, key,
		MHD_OPTION_END);
}

static unsigned bound_port(struct MHD_Daemon *d)
{
	const union MHD_DaemonInfo *info = sym_MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);

	return info ? info->port : 0;
}

static void write_ready_file(const struct server_config *c, unsigned port)
{
	FILE *f;

	if (!c->ready_file || !(f = fopen(c->ready_file, "w")))
		return;
	fprintf(f, "%u\n", port);
	fclose(f);
}

/* Stops accepting, lets the requests in flight finish (answers now say
 * "Connection: close"), waits up to a few seconds for the connections to
 * go, then stops the threads, whose stores close as they end. */
static void stop(struct MHD_Daemon *d)
{
	const union MHD_DaemonInfo *info;

	atomic_store(&stopping, true);
	sym_MHD_quiesce_daemon(d);
	for (int i = 0; i < 50; i++) {
		info = sym_MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!info || info->num_connections == 0)
			break;
		usleep(100000);
	}
	sym_MHD_stop_daemon(d);
}

static int check_store(const struct server_config *c, struct trk_error *err)
{
	struct store *st;
	int rc = store_open(c->db_path, 0, &st, err);

	if (!rc)
		store_close(st);
	return rc;
}

/* Why the daemon did not start, from what libmicrohttpd said first. */
static int not_started(const struct server_config *c, const char *said, struct trk_error *err)
{
	if (c->tls_cert && (strstr(said, "TLS") || strstr(said, "x509")))
		return trk_err(err, TRK_EINPUT, "--tls-cert '%s' with --tls-key '%s': %s",
			       c->tls_cert, c->tls_key, said);
	return trk_err(err, TRK_EIO, "cannot listen on %s port %u: %s", c->address, c->port,
		       *said ? said : "in use, or not allowed");
}

int server_run(const struct server_config *c, struct trk_error *err)
{
	/* lives until the daemon has stopped, below */
	struct mhd_messages messages = { .cfg = c };
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	char *cert = NULL, *key = NULL;
	sigset_t sigs;
	int sig, rc;

	if ((rc = server_mhd_load(err)) || (rc = bind_address(c, &ss, err)) ||
	    (rc = check_store(c, err)))
		return rc;
	if (c->tls_cert || c->tls_key) {
		if (!c->tls_cert || !c->tls_key)
			return trk_err(err, TRK_EUSAGE, "TLS needs both a certificate and a key");
		if (sym_MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
			return trk_err(err, TRK_EUSAGE, "this libmicrohttpd has no TLS: run tracker "
				       "behind a reverse proxy (see the README)");
		if (!(cert = read_file(c->tls_cert, err)) || !(key = read_file(c->tls_key, err))) {
			free(cert);
			return TRK_EIO;
		}
	}
	/* The signals are taken by this thread alone (sigwait below); the
	 * worker threads inherit the blocked mask. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	atomic_store(&messages.starting, true);
	d = start(c, &ss, cert, key, &messages);
	atomic_store(&messages.starting, false);
	if (!d) {
		free(cert);
		free(key);
		return not_started(c, messages.first, err);
	}
	if (c->log)
		fprintf(c->log, "tracker serve: listening on %s%s%s:%u (%s), %u threads\n",
			ss.ss_family == AF_INET6 ? "[" : "", c->address,
			ss.ss_family == AF_INET6 ? "]" : "", bound_port(d), cert ? "https" : "http",
			c->threads);
	write_ready_file(c, bound_port(d));
	while (sigwait(&sigs, &sig) != 0)
		;
	if (c->log)
		fprintf(c->log, "tracker serve: signal %d, finishing the requests in flight\n", sig);
	stop(d);
	free(cert);
	free(key);
	if (c->log)
		fprintf(c->log, "tracker serve: stopped\n");
	return 0;
}
