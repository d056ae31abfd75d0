-- random_key.lua: GET /api/v1/commitments/B<k> for k uniform in [0, N),
-- N the script's argument (wrk ... -- N). Deterministic per thread.
local n = 100000
function init(args)
  n = tonumber(args[1]) or n
  math.randomseed(42)
end
function request()
  return wrk.format("GET", "/api/v1/commitments/B" .. math.random(0, n - 1))
end
