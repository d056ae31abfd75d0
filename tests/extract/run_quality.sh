#!/bin/sh
# Precision and recall of `tracker extract` on the seed letter and the
# letters of tests/extract/, against hand-curated expectations.
# usage: run_quality.sh TEST_EXTRACT_BINARY SOURCE_DIR
set -e
bin=$1
src=$2
"$bin" \
  "$src/seeds/cixi-2023-211-reply.txt" "$src/seeds/211.json" \
  "$src/tests/extract/ninghai-edu-2024-45.txt" "$src/tests/extract/ninghai-edu-2024-45.expect.json" \
  "$src/tests/extract/wenzhou-transport-2022-156.gb18030.txt" "$src/tests/extract/wenzhou-transport-2022-156.expect.json" \
  "$src/tests/extract/yinzhou-env-2024-8.txt" "$src/tests/extract/yinzhou-env-2024-8.expect.json" \
  "$src/tests/extract/ningbo-transport-2024-86.txt" "$src/tests/extract/ningbo-transport-2024-86.expect.json" \
  "$src/tests/extract/xiangshan-edu-2024-15.txt" "$src/tests/extract/xiangshan-edu-2024-15.expect.json"
