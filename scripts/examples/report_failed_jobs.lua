-- Report the jobs that failed in the last day.
--
--   sfjobs run scripts/examples/report_failed_jobs.lua [HOURS] [--json]
--
-- Lists every job in state Failed created in the last HOURS (default 24), with
-- Salesforce's error message (job lists leave it out, so each failed job is read
-- once more); with --json, one JSON object per line.

local hours = tonumber(arg and arg[1]) or 24
local as_json = arg and (arg[1] == "--json" or arg[2] == "--json")
local since = sf.now() - hours * 3600

local count = 0
for job in sf.jobs{state = "Failed"} do
  local created = sf.parse_time(job.createdDate or "")
  if created and created >= since then
    count = count + 1
    job = sf.job_info(job.id, job.jobType == "Classic" and "classic" or nil)
    if as_json then
      print(sf.json.encode{id = job.id, jobType = job.jobType, object = job.object, operation = job.operation,
        createdDate = job.createdDate, errorMessage = job.errorMessage})
    else
      local detail = job.errorMessage
      if not detail and job.jobType == "Classic" then detail = "see sf.batches(id) for the failed batches" end
      print(string.format("%s  %-10s %-8s %-10s %s  %s", job.id, job.jobType, job.object or "?", job.operation or "?",
        job.createdDate or "", detail or ""))
    end
  end
end

if not as_json then print(string.format("%d failed job(s) in the last %gh", count, hours)) end
