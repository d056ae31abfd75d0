/* server.h - `tracker serve`: one record for the office, over HTTP.
 *
 * A thin front end like the CLI: it parses, authorises, calls the core and
 * serialises. libmicrohttpd runs the connections on a pool of threads;
 * each thread keeps its own store connection (a store is not shared
 * between threads), opened on its first request. */
#ifndef TRK_SERVER_H
#define TRK_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

struct server_config {
	const char *db_path;        /* as --db: a SQLite path or a database URI */
	const char *address;        /* "127.0.0.1" (IPv4 or IPv6 literal) */
	unsigned port;              /* 8080; 0: any free port (printed) */
	unsigned threads;           /* worker threads */
	size_t max_body;            /* bytes; larger bodies get 413 unread */
	unsigned timeout_seconds;   /* idle connections are closed */
	unsigned per_ip_connections;
	long session_idle_seconds;  /* signed-in pages expire after this */
	bool behind_proxy;          /* trust X-Forwarded-For/-Proto from it */
	const char *tls_cert, *tls_key;   /* PEM files, or NULL */
	FILE *log;                  /* one line per request; NULL: none */
	const char *ready_file;     /* written with the port once listening */
};

/* The defaults above, for the CLI's options to override. */
void server_config_init(struct server_config *c);

/* Serves until SIGTERM or SIGINT, then finishes the requests in flight and
 * closes the stores. The database must exist (`tracker init`). */
int server_run(const struct server_config *c, struct trk_error *err);

#endif
