import {PgBoss} from 'pg-boss';
import {runJob, withOrigin, type JobObserver} from '../jobs/observe.ts';
import {mailSchema, type Mail, type Mailer} from './mailer.ts';

export const EMAIL_QUEUE = 'email.send';

/**
 * Mail through a pg-boss queue in Postgres: the request only inserts a job;
 * a worker sends it with retries and exponential backoff.
 */
export async function startMailQueue(
  boss: PgBoss,
  /** Sends one mail; unset: this process only queues mail, a worker (`worker.ts`) sends it. */
  deliver: ((mail: Mail) => Promise<void>) | undefined,
  log: (line: string) => void = () => {},
  observer?: JobObserver,
): Promise<Mailer> {
  // `notify` wakes the worker as soon as a mail is queued (a verification link
  // should arrive while the person is still looking at the inbox).
  await boss.createQueue(EMAIL_QUEUE, {
    retryLimit: 8,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 600,
    notify: true,
  });
  // One job per fetch keeps retries per mail (a failed batch would resend the
  // mails that did go out); a backlog switches the worker to fetching without pause.
  // pg-boss sometimes misses a NOTIFY wake-up (seen in the account tests: jobs
  // sat in `created` until the 30 s default backstop poll), so poll every 2 s too.
  if (deliver) await workMail(boss, deliver, log, observer);
  return {
    async send(mail) {
      // [OP12] With the request's id: the job's log lines name the request that sent the mail.
      await boss.send(EMAIL_QUEUE, withOrigin(mailSchema.parse(mail), observer?.tracing));
    },
  };
}

/** Sends queued mail from this process. */
async function workMail(
  boss: PgBoss,
  deliver: (mail: Mail) => Promise<void>,
  log: (line: string) => void,
  observer: JobObserver | undefined,
) {
  await boss.work<Mail>(
    EMAIL_QUEUE,
    {pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 2, burstWhenReadyExceeds: 1},
    async jobs => {
      for (const job of jobs) {
        await runJob(observer, EMAIL_QUEUE, job, async () => {
          const mail = mailSchema.parse(job.data);
          await deliver(mail);
          log(`mail sent to ${mail.to}: ${mail.subject}`);
        });
      }
    },
  );
}
