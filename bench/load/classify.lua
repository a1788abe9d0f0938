-- SPDX-License-Identifier: Apache-2.0
-- wrk script: POST /api/v1/classify with a rotating set of chips and destinations.
local bodies = {
  '{"chip": "h20", "to": "CN", "date": "2025-09-01"}',
  '{"chip": "h200", "to": "CN", "date": "2026-03-01"}',
  '{"chip": "a800", "to": "CN", "date": "2023-06-01"}',
  '{"chip": "rtx-4090", "to": "CN", "date": "2024-06-01"}',
  '{"chip": "h100", "to": "SA", "hq": "CN", "date": "2024-06-01"}',
  '{"chip": "ascend-910c", "to": "CN"}',
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/api/v1/classify", {["Content-Type"] = "application/json"}, bodies[(i % #bodies) + 1])
end
