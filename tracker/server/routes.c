/* routes.c - the table of routes, in the order of the OpenAPI document; a
 * route is its handler's file plus one line here (as cli/commands.c). */
#include <stdlib.h>
#include <string.h>

#include "server/route.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

extern const struct route route_healthz, route_openapi, route_static, route_me,
	route_commitments_list, route_commitment_show, route_commitment_patch,
	route_checkin_add, route_status_set, route_owners, route_letters, route_report,
	route_import, route_calendar_feed;

const struct route *const routes[] = {
	&route_healthz,
	&route_openapi,
	&route_static,
	&route_me,
	&route_commitments_list,
	&route_commitment_show,
	&route_commitment_patch,
	&route_checkin_add,
	&route_status_set,
	&route_owners,
	&route_letters,
	&route_report,
	&route_import,
	&route_calendar_feed,
	NULL,
};

/* A path segment as a value: libmicrohttpd has percent-decoded the path
 * once already (decoding again would let "%252F" through as "/"); what it
 * decoded to must be UTF-8 without control characters. */
static char *segment_value(const char *s, size_t n)
{
	if (!utf8_valid(s, n, NULL))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return NULL;
	return xstrndup(s, n);
}

/* One segment of a pattern against one of the path: "name" literally,
 * "{x}" any non-empty segment, "{x}.ics" one ending in ".ics", "{x}.{y}"
 * one with a dot (split at the last). */
static bool match_segment(const char *pat, size_t plen, const char *seg, size_t slen,
			  struct request *r)
{
	const char *close, *dot;
	char *v;

	if (plen == 0 || pat[0] != '{')
		return plen == slen && memcmp(pat, seg, slen) == 0;
	close = memchr(pat, '}', plen);
	if (!close || slen == 0 || r->nparams >= MAX_PATH_PARAMS)
		return false;
	if ((size_t)(close - pat) + 1 == plen)   /* "{x}" */
		dot = seg + slen;
	else if (close[1] == '.' && close[2] == '{') {   /* "{x}.{y}" */
		for (dot = seg + slen; dot > seg && dot[-1] != '.'; dot--)
			;
		if (dot == seg)
			return false;
		dot--;
	} else {   /* "{x}.lit" */
		size_t suffix = plen - (size_t)(close + 1 - pat);

		if (slen <= suffix || memcmp(seg + slen - suffix, close + 1, suffix) != 0)
			return false;
		dot = seg + slen - suffix;
	}
	if (dot == seg || !(v = segment_value(seg, (size_t)(dot - seg))))
		return false;
	r->params[r->nparams++] = v;
	if (dot < seg + slen && close[1] == '.' && close[2] == '{') {
		if (!(v = segment_value(dot + 1, (size_t)(seg + slen - dot - 1))) ||
		    r->nparams >= MAX_PATH_PARAMS) {
			free(v);
			return false;
		}
		r->params[r->nparams++] = v;
	}
	return true;
}

static void drop_params(struct request *r)
{
	for (int i = 0; i < r->nparams; i++)
		free(r->params[i]);
	r->nparams = 0;
}

static bool match_path(const char *pattern, const char *path, struct request *r)
{
	const char *p = pattern, *s = path;

	while (*p && *s) {
		const char *pe = strchr(p + 1, '/'), *se = strchr(s + 1, '/');
		size_t pl = pe ? (size_t)(pe - p) : strlen(p), sl = se ? (size_t)(se - s) : strlen(s);

		if (*p != '/' || *s != '/' || !match_segment(p + 1, pl - 1, s + 1, sl - 1, r)) {
			drop_params(r);
			return false;
		}
		p += pl;
		s += sl;
	}
	if (*p || *s)
		drop_params(r);
	return !*p && !*s;
}

const struct route *route_find(struct request *r, bool *path_known)
{
	/* HEAD is GET without the body (libmicrohttpd leaves the body out). */
	const char *method = strcmp(r->method, "HEAD") ? r->method : "GET";

	*path_known = false;
	for (const struct route *const *rt = routes; *rt; rt++) {
		if (!match_path((*rt)->pattern, r->path, r))
			continue;
		if (!strcmp((*rt)->method, method))
			return *rt;
		*path_known = true;
		drop_params(r);
	}
	return NULL;
}
