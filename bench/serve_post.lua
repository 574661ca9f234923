-- serve_post.lua: wrk script for bench/serve.sh: POSTs BATCH new invented
-- articles (JSON Lines) per request, each with an id no other request uses.
-- They carry "language" (as the samples' feed does), so detection is skipped.
local batch = tonumber(os.getenv("BATCH") or "1")
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local n = 0
function request()
  local lines = {}
  for i = 1, batch do
    n = n + 1
    local id = string.format("w%d-%d", tid, n)
    lines[i] = string.format('{"id":"%s","outlet":"Outlet %d","language":"en","published":"2025-04-%02dT10:00:00Z",'
      .. '"title":"Council vote %s on the harbour levy",'
      .. '"text":"The council of district %s voted %d to %d on the harbour levy on Tuesday. '
      .. 'Councillor Ama Quist said the levy of %d crowns would fund %d new berths at quay %s. '
      .. 'Opponents said vote %s was rushed and that the ferry operators of ward %d were not consulted."}',
      id, n % 50, 1 + n % 28, id, id, n % 11, n % 7, n * 3, n % 9, id, id, n % 13)
  end
  return wrk.format("POST", "/api/articles", {["Content-Type"] = "application/x-ndjson"},
                    table.concat(lines, "\n") .. "\n")
end
