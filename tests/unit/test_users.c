/* test_users.c - the server's people: random tokens and argon2id hashes
 * (util/secret.h), and the door's users, tokens, sessions and failed
 * sign-ins (store/store_user.h) on the seed letter: who may sign in with
 * what, and what each role may write.
 * Usage: test_users SEED_JSON */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "record/check.h"
#include "record/import.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/date.h"
#include "util/secret.h"
#include "util/strbuf.h"

static struct actor admin = { .name = "office", .role = ROLE_ADMIN };

static void test_secrets(void)
{
	struct trk_error err;
	char *a = NULL, *b = NULL, *hash = NULL, hex[DIGEST_HEXSZ];

	CHECK_INT(secret_token("trk_", &a, &err), 0);
	CHECK_INT(secret_token("trk_", &b, &err), 0);
	CHECK_INT(strlen(a), 4 + 43);
	CHECK(strncmp(a, "trk_", 4) == 0);
	CHECK(strspn(a + 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
	      == 43);
	CHECK(strcmp(a, b) != 0);
	secret_digest("abc", hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	CHECK(secret_equal(a, a) && !secret_equal(a, b) && !secret_equal("ab", "abc"));

	CHECK_INT(secret_password_hash("correct horse", &hash, &err), 0);
	CHECK(strncmp(hash, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0);
	CHECK(secret_password_matches(hash, "correct horse"));
	CHECK(!secret_password_matches(hash, "correct hors"));
	CHECK(!secret_password_matches("not a hash", "correct horse"));
	CHECK_INT(secret_password_hash("", &b, &err), TRK_EINPUT);
	CHECK_STR(err.field, "password");
	free(a);
	free(hash);
}

struct setup {
	struct user u;
	const char *password;
	char *api, *feed, *api_id;
};

static int add_users(struct store *st, void *arg, struct trk_error *err)
{
	struct setup *s = arg;
	char *id = NULL;
	int rc = 0;

	for (int i = 0; i < 4 && !rc; i++) {
		if ((rc = store_user_add(st, &admin, &s[i].u, s[i].password, err)) ||
		    (rc = store_token_issue(st, &admin, s[i].u.name, TOKEN_API, &s[i].api,
					    &s[i].api_id, err)) ||
		    (rc = store_token_issue(st, &admin, s[i].u.name, TOKEN_FEED, &s[i].feed, &id,
					    err)))
			break;
		free(id);
		id = NULL;
	}
	return rc;
}

static int revoke(struct store *st, void *arg, struct trk_error *err)
{
	return store_token_revoke(st, &admin, arg, err);
}

static int disable(struct store *st, void *arg, struct trk_error *err)
{
	return store_user_disable(st, &admin, arg, true, err);
}

/* A check-in by the user u on key; the store decides if u may. */
struct logging {
	const struct user *u;
	const char *key;
};

static int log_as(struct store *st, void *arg, struct trk_error *err)
{
	struct logging *l = arg;
	struct checkin k;
	struct actor a;
	int rc;

	store_user_actor(&a, l->u);
	checkin_init(&k);
	k.commitment_key = xstrdup(l->key);
	date_parse("2023-09-30", &k.as_of, "as_of", NULL);
	k.note = xstrdup("由部门填报");
	rc = store_checkin_add(st, &a, &k, err);
	checkin_release(&k);
	return rc;
}

static int auth(struct store *st, const char *secret, enum token_kind kind,
		const char *expect_name)
{
	struct trk_error err;
	struct user u;
	int rc = store_auth_token(st, secret, kind, &u, &err);

	if (rc == 0) {
		CHECK_STR(u.name, expect_name);
		user_release(&u);
	} else {
		CHECK_STR(err.msg, "invalid, revoked or expired credentials");
	}
	return rc;
}

static void test_signing_in(struct store *st, struct setup *s)
{
	struct trk_error err;
	struct user u;
	char *sid = NULL, *csrf = NULL, *csrf2 = NULL;
	int n;
	long ago;

	CHECK_INT(auth(st, s[1].api, TOKEN_API, "jxj"), 0);
	CHECK_INT(auth(st, s[1].feed, TOKEN_FEED, "jxj"), 0);
	/* A feed address reads the feed and nothing else. */
	CHECK_INT(auth(st, s[1].feed, TOKEN_API, NULL), TRK_EAUTH);
	CHECK_INT(auth(st, s[1].api, TOKEN_FEED, NULL), TRK_EAUTH);
	CHECK_INT(auth(st, "trk_nonsense", TOKEN_API, NULL), TRK_EAUTH);
	CHECK_INT(auth(st, "", TOKEN_API, NULL), TRK_EAUTH);

	CHECK_INT(store_auth_password(st, "jxj", "jxj pass phrase", &u, &err), 0);
	CHECK_STR(u.name, "jxj");
	CHECK_INT(u.role, ROLE_DEPARTMENT);
	CHECK_INT(u.owners.n, 1);
	user_release(&u);
	CHECK_INT(store_auth_password(st, "jxj", "wrong", &u, &err), TRK_EAUTH);
	CHECK_INT(store_auth_password(st, "ghost", "jxj pass phrase", &u, &err), TRK_EAUTH);
	CHECK_INT(store_auth_password(st, "deputy", "", &u, &err), TRK_EAUTH);   /* none set */

	CHECK_INT(store_session_open(st, "jxj", &sid, &csrf, &err), 0);
	CHECK_INT(store_session_check(st, sid, 3600, &u, &csrf2, &err), 0);
	CHECK_STR(u.name, "jxj");
	CHECK_STR(csrf2, csrf);
	user_release(&u);
	free(csrf2);
	CHECK_INT(store_session_check(st, "forged", 3600, &u, &csrf2, &err), TRK_EAUTH);
	CHECK_INT(store_session_close(st, sid, &err), 0);
	CHECK_INT(store_session_check(st, sid, 3600, &u, &csrf2, &err), TRK_EAUTH);
	free(sid);
	free(csrf);

	CHECK_INT(store_login_failed(st, "192.0.2.7", &err), 0);
	CHECK_INT(store_login_failed(st, "192.0.2.7", &err), 0);
	CHECK_INT(store_login_failed(st, "192.0.2.8", &err), 0);
	CHECK_INT(store_login_failures(st, "192.0.2.7", 600, &n, &ago, &err), 0);
	CHECK_INT(n, 2);
	CHECK_INT(ago, 0);   /* the clock is fixed (TRACKER_NOW) */
	CHECK_INT(store_login_succeeded(st, "192.0.2.7", &err), 0);
	CHECK_INT(store_login_failures(st, "192.0.2.7", 600, &n, &ago, &err), 0);
	CHECK_INT(n, 0);
	CHECK_INT(store_login_failures(st, "192.0.2.8", 600, &n, &ago, &err), 0);
	CHECK_INT(n, 1);

	/* Revoked tokens and disabled users stop working at once. */
	CHECK_INT(store_write(st, revoke, s[0].api_id, &err), 0);
	CHECK_INT(auth(st, s[0].api, TOKEN_API, NULL), TRK_EAUTH);
	CHECK_INT(auth(st, s[0].feed, TOKEN_FEED, "office"), 0);
	CHECK_INT(store_session_open(st, "swj", &sid, &csrf, &err), 0);
	CHECK_INT(store_write(st, disable, "swj", &err), 0);
	CHECK_INT(auth(st, s[2].api, TOKEN_API, NULL), TRK_EAUTH);
	CHECK_INT(store_session_check(st, sid, 3600, &u, &csrf2, &err), TRK_EAUTH);
	free(sid);
	free(csrf);
}

static void test_scopes(struct store *st, struct setup *s)
{
	struct trk_error err;
	struct logging viewer = { &s[3].u, "211-14" };
	struct user stored;

	/* s[1].u was given as aliases: the store keeps canonical names. */
	CHECK_INT(store_user_get(st, "jxj", &stored, &err), 0);
	CHECK_STR(stored.owners.items[0], "慈溪市经济和信息化局");
	CHECK_INT(store_write(st, log_as, &(struct logging){ &stored, "211-14" }, &err), 0);
	CHECK_INT(store_write(st, log_as, &(struct logging){ &stored, "211-01" }, &err),
		  TRK_EFORBIDDEN);
	CHECK(strstr(err.msg, "211-01") != NULL);
	CHECK_INT(store_write(st, log_as, &viewer, &err), TRK_EFORBIDDEN);
	/* Outside a write transaction the door writes nothing. */
	struct user x = { .name = (char *)"x", .role = ROLE_ADMIN };
	CHECK_INT(store_user_add(st, &admin, &x, NULL, &err), TRK_EINTERNAL);
	user_release(&stored);
}

struct add_as {
	const struct actor *a;
	struct user *u;
};

static int add_as(struct store *st, void *arg, struct trk_error *err)
{
	struct add_as *x = arg;

	return store_user_add(st, x->a, x->u, NULL, err);
}

static void test_admin_only(struct store *st, struct setup *s)
{
	struct trk_error err;
	struct actor dept;
	struct user x = { .name = (char *)"mole", .role = ROLE_ADMIN };
	struct add_as add = { &dept, &x };
	struct user stored;

	CHECK_INT(store_user_get(st, "jxj", &stored, &err), 0);
	store_user_actor(&dept, &stored);
	CHECK_INT(store_write(st, add_as, &add, &err), TRK_EFORBIDDEN);
	CHECK_INT(store_user_get(st, "mole", &x, &err), TRK_ENOTFOUND);
	user_release(&stored);
	(void)s;
}

static int count_findings(const struct check_finding *f, void *ctx, struct trk_error *err)
{
	(void)err;
	fprintf(stderr, "finding: %s\n", f->message);
	(*(int *)ctx)++;
	return 0;
}

int main(int argc, char **argv)
{
	struct trk_error err;
	struct store *st;
	struct setup s[4] = {
		{ .u = { .name = (char *)"office", .role = ROLE_ADMIN } },
		{ .u = { .name = (char *)"jxj", .role = ROLE_DEPARTMENT }, .password = "jxj pass phrase" },
		{ .u = { .name = (char *)"swj", .role = ROLE_DEPARTMENT } },
		{ .u = { .name = (char *)"deputy", .role = ROLE_VIEWER } },
	};
	int findings = 0, n;

	if (argc != 2) {
		fprintf(stderr, "usage: test_users SEED_JSON\n");
		return 2;
	}
	setenv("TRACKER_NOW", "2023-10-01T08:00:00Z", 1);
	test_secrets();
	strlist_push(&s[1].u.owners, "经信局");
	strlist_push(&s[2].u.owners, "商务局");
	strlist_push(&s[3].u.letters, "211");
	CHECK_INT(store_open(":memory:", STORE_CREATE, &st, &err), 0);
	CHECK_INT(import_json_file(st, &admin, argv[1], NULL, &err), 0);
	CHECK_INT(store_write(st, add_users, s, &err), 0);
	test_signing_in(st, s);
	test_scopes(st, s);
	test_admin_only(st, s);
	CHECK_INT(check_run(st, count_findings, &findings, &n, &err), 0);
	CHECK_INT(findings, 0);
	store_close(st);
	for (int i = 0; i < 4; i++) {
		strlist_release(&s[i].u.owners);
		strlist_release(&s[i].u.letters);
		free(s[i].api);
		free(s[i].feed);
		free(s[i].api_id);
	}
	return check_summary();
}
