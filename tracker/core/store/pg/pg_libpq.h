/* pg_libpq.h - the libpq functions the PostgreSQL engine calls, loaded
 * when a PostgreSQL location is first opened (util/dynlib.h says why). */
#ifndef TRK_PG_LIBPQ_H
#define TRK_PG_LIBPQ_H

#include <libpq-fe.h>

#include "util/dynlib.h"

#define PG_LIBPQ_FUNCTIONS(X) \
	X(PQclear) X(PQcmdStatus) X(PQcmdTuples) X(PQconnectdbParams) X(PQconninfoFree) \
	X(PQconninfoParse) X(PQerrorMessage) X(PQexec) X(PQexecParams) X(PQexecPrepared) \
	X(PQfinish) X(PQgetisnull) X(PQgetlength) X(PQgetvalue) X(PQntuples) X(PQprepare) \
	X(PQreset) X(PQresultErrorField) X(PQresultStatus) X(PQsetClientEncoding) \
	X(PQsetNoticeProcessor) X(PQstatus) X(PQtransactionStatus)

PG_LIBPQ_FUNCTIONS(DYNLIB_DECLARE)

/* Loads libpq once; before any sym_PQ* call. */
int pg_libpq_load(struct trk_error *err);

#endif
