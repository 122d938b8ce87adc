package vn.loaxa.playout;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The periodic re-plan: a safety net under the re-plan after every schedule change. */
@DisallowConcurrentExecution
class ReplanJob extends QuartzJobBean {

    private final PlayoutScheduler scheduler;

    ReplanJob(PlayoutScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        scheduler.replan(false);
    }
}
