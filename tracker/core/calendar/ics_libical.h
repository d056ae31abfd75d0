/* ics_libical.h - the libical functions the calendar writer calls, loaded
 * when the first calendar is written (util/dynlib.h says why). */
#ifndef TRK_ICS_LIBICAL_H
#define TRK_ICS_LIBICAL_H

#include <libical/ical.h>

#include "util/dynlib.h"

#define ICS_LIBICAL_FUNCTIONS(X) \
	X(icalcomponent_add_component) X(icalcomponent_add_property) \
	X(icalcomponent_as_ical_string_r) X(icalcomponent_free) X(icalcomponent_new) \
	X(icalcomponent_get_first_property) X(icalcomponent_remove_component) \
	X(icalcomponent_remove_property) X(icalproperty_free) X(icalproperty_get_value) \
	X(icalvalue_set_datetimedate) X(icalvalue_set_integer) X(icalvalue_set_text) \
	X(icaldurationtype_null_duration) \
	X(icalmemory_free_buffer) X(icalparameter_new_related) X(icalparameter_new_reltype) \
	X(icalproperty_add_parameter) X(icalproperty_new_action) X(icalproperty_new_calscale) \
	X(icalproperty_new_categories) X(icalproperty_new_completed) X(icalproperty_new_created) \
	X(icalproperty_new_description) X(icalproperty_new_dtend) X(icalproperty_new_dtstamp) \
	X(icalproperty_new_dtstart) X(icalproperty_new_due) X(icalproperty_new_lastmodified) \
	X(icalproperty_new_percentcomplete) X(icalproperty_new_prodid) \
	X(icalproperty_new_relatedto) \
	X(icalproperty_new_sequence) X(icalproperty_new_status) X(icalproperty_new_summary) \
	X(icalproperty_new_transp) X(icalproperty_new_trigger) X(icalproperty_new_uid) \
	X(icalproperty_new_version) X(icalproperty_new_x) X(icalproperty_set_x_name) \
	X(icaltime_from_timet_with_zone) X(icaltime_null_date) X(icaltime_null_time) \
	X(icaltimezone_get_utc_timezone)

ICS_LIBICAL_FUNCTIONS(DYNLIB_DECLARE)

/* Loads libical once; before any sym_ical* call. */
int ics_libical_load(struct trk_error *err);

#endif
