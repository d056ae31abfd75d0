/* check.h - the smallest test harness that says what failed and where. */
#ifndef TRK_TEST_CHECK_H
#define TRK_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond) do { \
	if (cond) check_passed++; \
	else { check_failed++; fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_INT(a, b) do { \
	long long check_a = (long long)(a), check_b = (long long)(b); \
	if (check_a == check_b) check_passed++; \
	else { check_failed++; fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", \
				       __FILE__, __LINE__, #a, check_a, check_b); } \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *check_a = (a), *check_b = (b); \
	if (check_a && check_b && !strcmp(check_a, check_b)) check_passed++; \
	else { check_failed++; fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", \
				       __FILE__, __LINE__, #a, check_a ? check_a : "(null)", \
				       check_b ? check_b : "(null)"); } \
} while (0)

#define CHECK_NEAR(a, b, eps) do { \
	double check_a = (a), check_b = (b); \
	if (fabs(check_a - check_b) <= (eps)) check_passed++; \
	else { check_failed++; fprintf(stderr, "%s:%d: %s == %g, expected %g\n", \
				       __FILE__, __LINE__, #a, check_a, check_b); } \
} while (0)

static inline int check_summary(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
