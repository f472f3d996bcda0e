import type { FastifyInstance } from "fastify";
import type { Clock } from "../domain/clock.js";
import { TandemError } from "../domain/errors.js";
import type { MailSender } from "../mail/mail-sender.js";
import { systemActor } from "../store/actor.js";
import type { Store } from "../store/open-store.js";
import { createRepositories } from "../store/repositories/index.js";
import { remindOpenCampaigns } from "../use-cases/remind-open-campaigns.js";

export interface ReminderScheduleOptions {
  store: Store;
  mail: MailSender;
  publicUrl: string;
  clock: Clock;
  everyMs: number;
}

/**
 * Sends campaign reminders on their days without anyone pressing a button: a round every
 * `everyMs` while the server runs (the first one when it is ready). Only with SMTP and a public
 * URL: a reminder replaces the invitee's link, so one that nobody receives must not be made.
 * Rounds never overlap; a failing round is logged and the next one tries again.
 */
export const scheduleCampaignReminders = (app: FastifyInstance, o: ReminderScheduleOptions) => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  const round = () => {
    running ??= (async () => {
      try {
        const result = await remindOpenCampaigns({
          repositories: createRepositories(o.store.db, systemActor("reminder schedule")),
          mail: o.mail,
          publicUrl: o.publicUrl,
          clock: o.clock,
          handOutLinks: false,
        });
        const failed = result.campaigns.filter((c) => c.status === "failed");
        if (result.reminded > 0 || failed.length > 0) {
          app.log.info(
            { reminded: result.reminded, mailed: result.mailed, failed },
            "campaign reminders sent",
          );
        }
      } catch (error) {
        app.log.error({ err: error }, "campaign reminder round failed");
      } finally {
        running = null;
      }
    })();
    return running;
  };
  app.addHook("onReady", async () => {
    timer = setInterval(round, o.everyMs);
    // A reminder schedule must not keep a finished process alive.
    timer.unref();
    void round();
  });
  app.addHook("onClose", async () => {
    clearInterval(timer);
    await running;
  });
  return { round };
};

/** TANDEM_REMINDER_MINUTES: minutes between reminder rounds, default 60; 0 turns them off. */
export const reminderMinutesFrom = (value: string | undefined): number => {
  if (value === undefined || value.trim() === "") return 60;
  const minutes = Number(value);
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new TandemError(
      "validation",
      `TANDEM_REMINDER_MINUTES: expected a number of minutes (0 turns reminders off), got "${value}"`,
    );
  }
  return minutes;
};
