/* health_table.c - the README's table of health examples, run as data.
 *
 *   health_table README.md
 *
 * Reads the first table under "### Progress and health" whose header
 * starts with "| kind", builds each row's commitment and check-ins, runs
 * progress_compute() with the default thresholds, and compares health,
 * percent, expected (to one decimal) and whether the target is met. Prints
 * each mismatch and exits 1; exits 2 when the table is missing or a row
 * cannot be read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/progress.h"
#include "util/date.h"
#include "util/strbuf.h"

#define MAX_CELLS 16
#define MAX_CHECKINS 16

enum col { C_KIND, C_TARGET, C_WINDOW, C_STATUS, C_CHECKINS, C_AS_OF, C_HEALTH, C_PERCENT,
	   C_EXPECTED, C_MET, C__COUNT };

static int failures;

/* Splits a table line into trimmed cells (in place); returns how many. */
static int cells(char *line, char **out)
{
	int n = 0;
	char *p = strchr(line, '|');

	while (p && n < MAX_CELLS) {
		char *start = p + 1, *end = strchr(start, '|');
		if (!end)
			break;
		*end = '\0';
		while (*start == ' ')
			start++;
		for (char *e = end - 1; e >= start && *e == ' '; e--)
			*e = '\0';
		out[n++] = start;
		p = end;
	}
	return n;
}

static bool parse_date(const char *s, int32_t *out)
{
	struct trk_error err;

	return date_parse(s, out, "date", &err) == 0;
}

/* ">= 800", "<= 20 from 100", or empty. */
static bool parse_target(const char *s, struct target *t)
{
	char cmp[3] = { 0 };
	double v, base = 0;
	int used = 0;

	memset(t, 0, sizeof(*t));
	if (!*s)
		return true;
	if (sscanf(s, "%2s %lf%n", cmp, &v, &used) < 2)
		return false;
	if (strncmp(s + used, " from ", 6) == 0 && sscanf(s + used + 6, "%lf", &base) != 1)
		return false;
	t->present = true;
	t->value = v;
	t->baseline = base;
	t->cmp = (enum comparator)comparator_parse(cmp);
	return (int)t->cmp >= 0;
}

/* "2023-01-01..2023-12-31", "2023-06-13..". */
static bool parse_window(const char *s, struct commitment *c)
{
	char from[DATE_BUFSZ] = { 0 };
	const char *dots = strstr(s, "..");

	if (!dots || dots - s >= DATE_BUFSZ)
		return false;
	memcpy(from, s, (size_t)(dots - s));
	if (!parse_date(from, &c->window_start))
		return false;
	c->due = DATE_NONE;
	return !dots[2] || parse_date(dots + 2, &c->due);
}

/* "open", "open judged at_risk". */
static bool parse_status(const char *s, struct commitment *c)
{
	char word[32], judged[32];
	int n = sscanf(s, "%31s judged %31s", word, judged);

	if (n < 1 || (c->status = (enum status)status_parse(word)) == (enum status)-1)
		return false;
	c->health_override = n == 2 ? health_parse(judged) : -1;
	return n == 1 || c->health_override >= 0;
}

/* "2023-06-30: 320; 2023-09-30: 505 corrects 2; 2023-08-10". */
static bool parse_checkins(char *s, struct checkin *k, size_t *n)
{
	*n = 0;
	for (char *item = s; item && *item; ) {
		char *next = strchr(item, ';'), date[DATE_BUFSZ] = { 0 };
		struct checkin *x = &k[*n];
		if (next)
			*next++ = '\0';
		while (*item == ' ')
			item++;
		if (*n == MAX_CHECKINS || strlen(item) < 10)
			return false;
		memset(x, 0, sizeof(*x));
		memcpy(date, item, 10);
		x->seq = (int)*n + 1;
		if (!parse_date(date, &x->as_of))
			return false;
		if (item[10] == ':') {
			x->has_value = true;
			if (sscanf(item + 11, "%lf corrects %d", &x->value, &x->supersedes) < 1)
				return false;
		}
		(*n)++;
		item = next;
	}
	return true;
}

/* "77.5" or "–": the figure, or none. */
static bool want_number(const char *s, bool *has, double *v)
{
	*has = strcmp(s, "–") && strcmp(s, "-");
	return !*has || sscanf(s, "%lf", v) == 1;
}

static void compare(int line, const char *what, bool has_want, double want, bool has, double got)
{
	double r = (double)(long long)(got * 10 + (got < 0 ? -0.5 : 0.5)) / 10;

	if (has_want != has || (has && (r - want > 0.05 || want - r > 0.05))) {
		failures++;
		fprintf(stderr, "README.md:%d: %s: want %s%.1f, got %s%.1f\n", line, what,
			has_want ? "" : "none ", want, has ? "" : "none ", r);
	}
}

static int run_row(int line, char **v)
{
	struct commitment c;
	struct checkin k[MAX_CHECKINS];
	struct health_config cfg;
	struct progress p;
	size_t n;
	int32_t as_of;
	bool has_pct, has_exp;
	double pct = 0, exp = 0;
	int kind = kind_parse(v[C_KIND]), health = health_parse(v[C_HEALTH]);

	commitment_init(&c);
	c.kind = (enum kind)kind;
	if (kind < 0 || health < 0 || !parse_target(v[C_TARGET], &c.target) ||
	    !parse_window(v[C_WINDOW], &c) || !parse_status(v[C_STATUS], &c) ||
	    !parse_checkins(v[C_CHECKINS], k, &n) || !parse_date(v[C_AS_OF], &as_of) ||
	    !want_number(v[C_PERCENT], &has_pct, &pct) ||
	    !want_number(v[C_EXPECTED], &has_exp, &exp)) {
		fprintf(stderr, "README.md:%d: cannot read this row\n", line);
		return 2;
	}
	health_config_default(&cfg);
	progress_compute(&c, k, n, as_of, &cfg, &p);
	if ((int)p.health != health) {
		failures++;
		fprintf(stderr, "README.md:%d: health: want %s, got %s\n", line, v[C_HEALTH],
			health_name(p.health));
	}
	compare(line, "percent", has_pct, pct, p.has_percent, p.percent);
	compare(line, "expected", has_exp, exp, p.has_expected, p.expected);
	if (p.target_met != !strcmp(v[C_MET], "yes")) {
		failures++;
		fprintf(stderr, "README.md:%d: met: want %s\n", line, v[C_MET]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	FILE *f = argc == 2 ? fopen(argv[1], "r") : NULL;
	char buf[4096], *v[MAX_CELLS];
	int line = 0, rows = 0, rc = 0;
	bool section = false, table = false;

	if (!f) {
		fprintf(stderr, "usage: health_table README.md\n");
		return 2;
	}
	while (fgets(buf, sizeof(buf), f) && !rc) {
		line++;
		buf[strcspn(buf, "\r\n")] = '\0';
		if (!strncmp(buf, "### ", 4)) {
			if (table)
				break;
			section = !strcmp(buf, "### Progress and health");
			continue;
		}
		if (!section)
			continue;
		if (!table) {
			table = !strncmp(buf, "| kind |", 8);
			continue;
		}
		if (buf[0] != '|')
			break;
		if (!strncmp(buf, "|---", 4))
			continue;
		if (cells(buf, v) != C__COUNT) {
			fprintf(stderr, "README.md:%d: want %d cells\n", line, C__COUNT);
			rc = 2;
			break;
		}
		rc = run_row(line, v);
		rows++;
	}
	fclose(f);
	if (!rc && rows < 10) {
		fprintf(stderr, "README.md: the health table has %d rows; want the examples\n", rows);
		rc = 2;
	}
	if (rc)
		return rc;
	printf("%d rows, %d failures\n", rows, failures);
	return failures ? 1 : 0;
}
