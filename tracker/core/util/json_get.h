/* json_get.h - typed access to cJSON members with errors that name the
 * member. Returned strings are borrowed from the cJSON tree: valid until it
 * is deleted. Absent optional members leave *out unchanged and return 0. */
#ifndef TRK_JSON_GET_H
#define TRK_JSON_GET_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "util/error.h"
#include "model/model.h"

/* Fails on any member of obj not in the NULL-terminated list `allowed`. */
int json_check_members(const cJSON *obj, const char *const *allowed, struct trk_error *err);

int json_get_string(const cJSON *obj, const char *name, bool required, const char **out,
		    struct trk_error *err);
/* Strings are also checked as UTF-8 text (text_check). JSON null counts as
 * absent. */
int json_get_number(const cJSON *obj, const char *name, bool required, double *out,
		    bool *present, struct trk_error *err);
int json_get_int(const cJSON *obj, const char *name, bool required, int *out,
		 struct trk_error *err);
int json_get_bool(const cJSON *obj, const char *name, bool *out, struct trk_error *err);
int json_get_date(const cJSON *obj, const char *name, bool required, int32_t *out,
		  struct trk_error *err);
/* Appends the strings of an array member to out. */
int json_get_strlist(const cJSON *obj, const char *name, struct strlist *out,
		     struct trk_error *err);
/* An array (or absent/null: *out = NULL). */
int json_get_array(const cJSON *obj, const char *name, const cJSON **out,
		   struct trk_error *err);

#endif
