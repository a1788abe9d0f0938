-- SPDX-License-Identifier: Apache-2.0
-- wrk script: POST the JSON body in the environment variable BODY to the path in PATH_ (both required).
local body = os.getenv("BODY")
local path = os.getenv("PATH_")
request = function()
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end
