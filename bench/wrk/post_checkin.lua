-- post_checkin.lua: POST a note-only check-in to a key from the file named
-- by the script's argument (one key per line), round robin; counts the
-- 201s of every thread so the script can compare them with the record.
local keys, i, threads = {}, 0, {}
created = 0   -- a global: the main thread reads it with thread:get
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  for line in io.lines(args[1]) do table.insert(keys, line) end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"as_of": "2023-10-09", "note": "bench"}'
end
function request()
  i = i % #keys + 1
  return wrk.format(nil, "/api/v1/commitments/" .. keys[i] .. "/checkins")
end
function response(status)
  if status == 201 then created = created + 1 end
end
function done()
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("created") end
  io.open(os.getenv("CREATED_FILE"), "w"):write(total .. "\n")
end
