-- Close Bulk 1.0 PK-chunked query jobs whose chunk batches are all done.
--
--   sfjobs run scripts/examples/close_finished_pk_chunked_queries.lua
--
-- With PK chunking Salesforce splits a query into chunk batches and leaves the
-- job Open until the client closes it. This closes each Open PK-chunked job
-- once no batch is Queued or InProgress (the original batch stays NotProcessed).

local pending_states = {Queued = true, InProgress = true}
local ids, waiting = {}, 0

for job in sf.jobs{job_type = "Classic", pk_chunking = true, state = "Open"} do
  local done = true
  for _, batch in ipairs(sf.batches(job.id)) do
    if pending_states[batch.state] then done = false break end
  end
  if done then ids[#ids + 1] = job.id else waiting = waiting + 1 end
end

local verb = sf.dry_run and "would close" or "closed"
local closed = 0
for _, result in ipairs(sf.close_jobs(ids)) do
  if result.ok then
    closed = closed + 1
    print(string.format("%s  %s  %-12s batches %d/%d completed", verb, result.id, result.job.object or "?",
      result.job.numberBatchesCompleted or 0, result.job.numberBatchesTotal or 0))
  else
    sf.log.warn("could not close job", {job_id = result.id, code = result.error.code, message = result.error.message})
  end
end

print(string.format("%d finished PK-chunked job(s): %d closed%s; %d still running",
  #ids, closed, sf.dry_run and " (dry run)" or "", waiting))
