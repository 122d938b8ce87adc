package vn.loaxa.playout;

import java.time.Instant;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Fires one occurrence a little before its planned instant; the engine does the rest. */
@DisallowConcurrentExecution
class OccurrenceJob extends QuartzJobBean {

    static final String KEY = "occurrenceKey";
    static final String PLANNED = "plannedMs";

    private final PlayoutEngine engine;

    OccurrenceJob(PlayoutEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        var data = context.getMergedJobDataMap();
        engine.fire(data.getString(KEY), Instant.ofEpochMilli(data.getLong(PLANNED)), false);
    }
}
