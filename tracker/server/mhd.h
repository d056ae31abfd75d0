/* mhd.h - the libmicrohttpd functions the server calls, loaded when
 * `tracker serve` starts (util/dynlib.h says why: no other command should
 * pay for GnuTLS at start). */
#ifndef TRK_SERVER_MHD_H
#define TRK_SERVER_MHD_H

#include <microhttpd.h>

#include "util/dynlib.h"

#define SERVER_MHD_FUNCTIONS(X) \
	X(MHD_add_response_header) X(MHD_create_response_from_buffer) \
	X(MHD_destroy_response) X(MHD_get_connection_info) X(MHD_get_connection_values) \
	X(MHD_get_daemon_info) X(MHD_get_response_header) X(MHD_is_feature_supported) \
	X(MHD_lookup_connection_value) X(MHD_queue_response) X(MHD_quiesce_daemon) \
	X(MHD_start_daemon) X(MHD_stop_daemon)

SERVER_MHD_FUNCTIONS(DYNLIB_DECLARE)

/* Loads libmicrohttpd once; before any sym_MHD_* call. */
int server_mhd_load(struct trk_error *err);

#endif
