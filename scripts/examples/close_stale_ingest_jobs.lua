-- Close ingest jobs that crashed loaders left Open.
--
--   sfjobs run scripts/examples/close_stale_ingest_jobs.lua [HOURS]
--
-- Closes every Bulk 2.0 and Bulk 1.0 ingest job still Open HOURS (default 24)
-- after it was created. A Bulk 2.0 job is closed with UploadComplete (Salesforce
-- then processes what was uploaded); a Bulk 1.0 job with Closed. Use --dry-run
-- to see what it would do.

local hours = tonumber(arg and arg[1]) or 24

local ids = {}
for job in sf.jobs{type = "ingest", state = "Open", older_than = hours * 3600} do
  if job.operation ~= "query" and job.operation ~= "queryAll" then
    ids[#ids + 1] = job.id
  end
end

local verb = sf.dry_run and "would close" or "closed"
local closed, failed = 0, 0
for _, result in ipairs(sf.close_jobs(ids)) do
  if result.ok then
    closed = closed + 1
    print(string.format("%s  %s  %-10s %-8s (%s)", verb, result.id, result.job.object or "?", result.job.jobType, result.job.state))
  else
    failed = failed + 1
    sf.log.warn("could not close job", {job_id = result.id, code = result.error.code, message = result.error.message})
  end
end

print(string.format("%d stale ingest job(s) older than %gh: %d closed%s, %d failed",
  #ids, hours, closed, sf.dry_run and " (dry run)" or "", failed))
if failed > 0 then os.exit(1) end
