#!/usr/bin/env bash
# no_sql_building.sh SRC_DIR - SQL only through prepared statements with
# bound parameters: fails on SQL text built at run time anywhere in
# tracker/ (see no_sql_building.py for the rules and the allow-list).
exec python3 "$(dirname "$0")/no_sql_building.py" "${1:-$(dirname "$0")/../..}"
