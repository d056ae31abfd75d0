/* stubs.c - TEMPORARY: commands being built elsewhere in the tree. Weak, so
 * the real definitions replace them as they land. Removed before release. */
#include "cmd.h"

#define STUB(fn) __attribute__((weak)) int fn(int argc, char **argv, struct cmd_ctx *ctx, \
	struct trk_error *err) { return trk_err(err, TRK_EUSAGE, "not built yet"); }
STUB(cmd_check)
STUB(cmd_backup)
STUB(cmd_restore)
