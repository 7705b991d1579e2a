-- Abort Bulk 2.0 query jobs stuck InProgress.
--
--   sfjobs run scripts/examples/abort_stuck_queries.lua [MINUTES]
--
-- Aborts every Bulk 2.0 query job still UploadComplete or InProgress MINUTES
-- (default 120) after it was created, freeing the org's concurrent query slots.

local minutes = tonumber(arg and arg[1]) or 120

local ids = {}
for job in sf.jobs{type = "query", job_type = "V2Query", state = {"UploadComplete", "InProgress"}, older_than = minutes * 60} do
  ids[#ids + 1] = job.id
end

local verb = sf.dry_run and "would abort" or "aborted"
local aborted, failed = 0, 0
for _, result in ipairs(sf.close_jobs(ids, "Aborted")) do
  if result.ok then
    aborted = aborted + 1
    print(string.format("%s  %s  %-12s %s", verb, result.id, result.job.object or "?", result.job.createdDate or ""))
  elseif result.error.code == "INVALIDJOBSTATE" then
    print(string.format("finished %s  (it completed before it could be aborted)", result.id))
  else
    failed = failed + 1
    sf.log.warn("could not abort job", {job_id = result.id, code = result.error.code, message = result.error.message})
  end
end

print(string.format("%d stuck query job(s) older than %g min: %d aborted%s, %d failed",
  #ids, minutes, aborted, sf.dry_run and " (dry run)" or "", failed))
if failed > 0 then os.exit(1) end
